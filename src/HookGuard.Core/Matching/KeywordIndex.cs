using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// The prefilter, on the line's UTF-8 bytes, case-folded. Each keyword is anchored on its rarest three
/// bytes (`password` on `ssw`, not `pas`, which ordinary text is full of); every position's three bytes
/// are hashed into a 16 KB bitmap of the anchors; on a hit, a bitmap of the anchor's four bytes (where the
/// keyword has a fourth) must agree, and only then are the few keywords sharing that hash compared.
/// Most lines hold no keyword and cost one pass with no decoding. The built-in rules' index is compiled
/// into the binary; any other rule list's is built in well under a millisecond.
/// </summary>
internal sealed unsafe partial class KeywordIndex
{
    // With ~1,000 anchors a 16-bit map passes about as many positions by collision as by a real anchor;
    // 17 bits halve the collisions and the bitmap still sits in L1 (bench/results/2026-12-07-anchor-hash-bits.md).
    private const int HashBits = 17;
    private const int BucketBits = 12;
    // OR-ing 0x20 folds ASCII upper to lower case; it also merges a few punctuation pairs, which only
    // costs a rare extra comparison, never a missed keyword.
    private const ulong Fold = 0x2020202020202020UL;

    // The tables live in one image (see Image): the built-in rules' image is compiled into the binary and
    // used where it lies, so start-up builds and allocates nothing for it (on a VM each fresh page
    // costs a fault). Any other rule list gets its image built here, pinned.
    private readonly byte[]? _built;
    // Bitmaps indexed by hash: every keyword's three-byte anchor; the anchors of keywords that end with
    // it; four bytes from the anchor for the others.
    private readonly ulong* _threeByteAnchors, _anchorsAtEnd, _fourByteAnchors;
    // Keywords sorted by anchor hash; _bucketStart[hash >> (HashBits - BucketBits)] is where their bucket begins.
    private readonly Keyword* _keywords;
    private readonly int _keywordCount;
    private readonly int* _bucketStart;
    // Every keyword's folded bytes, and the rules of each, flat: objects per keyword were ~100 KB
    // allocated at every start, memory a short-lived process pays for page by page.
    private readonly byte* _folded;
    private readonly int* _keywordRules;
    private readonly bool _skipIndentation;

    /// <param name="Anchor">Where in the keyword its anchor bytes start.</param>
    /// <param name="Start">Where its folded bytes are in _folded; <paramref name="Length"/>, how many.</param>
    /// <param name="RulesStart">Where its rules are in _keywordRules; <paramref name="RulesCount"/>, how many.</param>
    private record struct Keyword(uint Hash, int Anchor, int Start, int Length, int RulesStart, int RulesCount);

    /// <summary>One rule's keyword, as its folded bytes in the buffer being built.</summary>
    private readonly record struct OwnedKeyword(int Start, int Length, int Rule);

    // Where AVX2 is available the three-byte bitmap is looked up for eight positions at once (a gather);
    // tests turn it off to check that both paths find the same keywords.
    private readonly bool _vectorized;

    public KeywordIndex(IReadOnlyList<Rule> rules, bool vectorized = true)
    {
        _vectorized = vectorized && Avx2.IsSupported;
        var compiled = CompiledImage(rules);
        byte* image;
        if (compiled.IsEmpty)
        {
            _built = Image(rules);
            image = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_built));
        }
        else image = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(compiled));
        var header = (int*)image;
        _keywordCount = header[HeaderKeywords];
        _skipIndentation = header[HeaderSkipIndentation] != 0;
        _threeByteAnchors = (ulong*)(image + HeaderBytes);
        _anchorsAtEnd = _threeByteAnchors + BitmapWords;
        _fourByteAnchors = _anchorsAtEnd + BitmapWords;
        _bucketStart = (int*)(_fourByteAnchors + BitmapWords);
        _keywords = (Keyword*)(image + KeywordsOffset);
        _keywordRules = (int*)(_keywords + _keywordCount);
        _folded = (byte*)(_keywordRules + header[HeaderKeywordRules]);
    }

    /// <summary>Whether this index is the image compiled into the binary (nothing was built).</summary>
    internal bool IsCompiled => _built is null;

    /// <summary>Sets the bit of every rule whose keyword occurs in the line; false when none does.</summary>
    public bool FindCandidates(ReadOnlySpan<byte> line, Span<ulong> candidates)
    {
        var sink = new CandidateBits(candidates);
        return Find(line, ref sink);
    }

    /// <summary>
    /// Adds (rule, byte offset) for every occurrence of a rule's keyword, in no particular order: long
    /// lines are matched only around them.
    /// </summary>
    public void FindOccurrences(ReadOnlySpan<byte> line, List<(int Rule, int Offset)> occurrences)
    {
        var sink = new Occurrences(occurrences);
        Find(line, ref sink);
    }

    /// <summary>What the search does with each keyword it finds; a struct, so each use is compiled on its own.</summary>
    private interface IKeywordSink
    {
        void Found(ReadOnlySpan<int> rules, int offset);
    }

    private readonly ref struct CandidateBits(Span<ulong> candidates) : IKeywordSink
    {
        private readonly Span<ulong> _candidates = candidates;

        public void Found(ReadOnlySpan<int> rules, int offset)
        {
            foreach (var rule in rules) _candidates[rule >> 6] |= 1UL << (rule & 63);
        }
    }

    private readonly struct Occurrences(List<(int Rule, int Offset)> occurrences) : IKeywordSink
    {
        public void Found(ReadOnlySpan<int> rules, int offset)
        {
            foreach (var rule in rules) occurrences.Add((rule, offset));
        }
    }


    private static void Set(Span<ulong> bitmap, uint hash) => bitmap[(int)(hash >> 6)] |= 1UL << (int)hash;

    // The index is below the bitmap's length by construction (HashBits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bit(ulong* bitmap, uint hash) => bitmap[hash >> 6] & (1UL << (int)hash);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash3(ulong window) => (((uint)window & 0xFFFFFF) * 0x9E3779B1u) >> (32 - HashBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash4(ulong window) => ((uint)window * 0x85EBCA77u) >> (32 - HashBits);
}
