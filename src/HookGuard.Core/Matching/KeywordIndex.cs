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
/// are hashed into an 8 KB bitmap of the anchors; on a hit, a bitmap of the anchor's four bytes (where the
/// keyword has a fourth) must agree, and only then are the few keywords sharing that hash compared.
/// Most lines hold no keyword and cost one pass with no decoding. The built-in rules' index is compiled
/// into the binary; any other rule list's is built in well under a millisecond.
/// </summary>
internal sealed unsafe class KeywordIndex
{
    private const int HashBits = 16;
    private const int BucketBits = 12;
    // OR-ing 0x20 folds ASCII upper to lower case; it also merges a few punctuation pairs, which only
    // costs a rare extra comparison, never a missed keyword.
    private const ulong Fold = 0x2020202020202020UL;

    // The tables live in one image (see Image): the built-in rules' image is compiled into the binary and
    // used where it lies, so start-up builds and allocates nothing for it (75 KB, ~0.6 ms on a VM where
    // each fresh page costs a fault). Any other rule list gets its image built here, pinned.
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

    // The image: a header of ints, the three bitmaps, the bucket starts (padded to 8 bytes), the keywords,
    // their rules, their folded bytes. Every part is aligned for its type when the image is.
    private const int ImageVersion = 0x4B490001;
    private const int HeaderVersion = 0, HeaderRules = 1, HeaderKeywords = 2, HeaderKeywordRules = 3, HeaderFolded = 4, HeaderSkipIndentation = 5;
    private const int HeaderBytes = 8 * sizeof(int);
    private const int BitmapWords = (1 << HashBits) / 64;
    private const int BucketStarts = (1 << BucketBits) + 1;
    private const int KeywordsOffset = HeaderBytes + 3 * BitmapWords * sizeof(ulong) + (BucketStarts + 1) * sizeof(int);

    /// <summary>
    /// The index's image for these rules: what the rule compiler writes into the binary for the
    /// built-in rules, and what an index of any other rules builds (pinned: the index points into it).
    /// </summary>
    internal static byte[] Image(IReadOnlyList<Rule> rules)
    {
        // Plain loops over flat arrays, no LINQ and no collection per keyword: custom rules build this at every commit.
        var (owned, count) = FoldKeywords(rules, out var folded);
        var (keywords, keywordRules) = Distinct(owned.AsSpan(0, count), folded);
        keywords.AsSpan().Sort(static (a, b) => a.Hash.CompareTo(b.Hash));
        var size = KeywordsOffset + keywords.Length * sizeof(Keyword) + keywordRules.Length * sizeof(int) + folded.Length;
        var image = GC.AllocateArray<byte>(size, pinned: true);
        var header = MemoryMarshal.Cast<byte, int>(image.AsSpan(0, HeaderBytes));
        var bitmaps = MemoryMarshal.Cast<byte, ulong>(image.AsSpan(HeaderBytes, 3 * BitmapWords * sizeof(ulong)));
        var threeByteAnchors = bitmaps[..BitmapWords];
        var anchorsAtEnd = bitmaps.Slice(BitmapWords, BitmapWords);
        var fourByteAnchors = bitmaps[(2 * BitmapWords)..];
        var skipIndentation = true;
        foreach (var keyword in keywords)
        {
            var bytes = folded.AsSpan(keyword.Start, keyword.Length);
            Set(threeByteAnchors, keyword.Hash);
            if (bytes.Length == keyword.Anchor + 3) Set(anchorsAtEnd, keyword.Hash);
            else Set(fourByteAnchors, Hash4(Window(bytes, keyword.Anchor)));
            skipIndentation &= bytes[0] is not ((byte)' ' or (byte)'\t');
        }
        var bucketStart = MemoryMarshal.Cast<byte, int>(image.AsSpan(HeaderBytes + bitmaps.Length * sizeof(ulong), BucketStarts * sizeof(int)));
        var next = 0;
        for (var bucket = 0; bucket < BucketStarts; bucket++)
        {
            while (next < keywords.Length && keywords[next].Hash >> (HashBits - BucketBits) < bucket) next++;
            bucketStart[bucket] = next;
        }
        var at = KeywordsOffset;
        MemoryMarshal.AsBytes(keywords.AsSpan()).CopyTo(image.AsSpan(at));
        at += keywords.Length * sizeof(Keyword);
        MemoryMarshal.AsBytes(keywordRules.AsSpan()).CopyTo(image.AsSpan(at));
        at += keywordRules.Length * sizeof(int);
        folded.CopyTo(image.AsSpan(at));
        header[HeaderVersion] = ImageVersion;
        header[HeaderRules] = rules.Count;
        header[HeaderKeywords] = keywords.Length;
        header[HeaderKeywordRules] = keywordRules.Length;
        header[HeaderFolded] = folded.Length;
        header[HeaderSkipIndentation] = skipIndentation ? 1 : 0;
        return image;
    }

    /// <summary>
    /// The image compiled with the rules, when these are exactly the compiled rules in their compiled
    /// order (a repository's overrides keep a rule's keywords); empty for any other list, or an image
    /// this build's index cannot read.
    /// </summary>
    private static ReadOnlySpan<byte> CompiledImage(IReadOnlyList<Rule> rules)
    {
        if (rules.Count == 0 || rules[0].Compiled is not { } source) return default;
        for (var i = 0; i < rules.Count; i++)
            if (!ReferenceEquals(rules[i].Compiled, source) || rules[i].CompiledIndex != i) return default;
        var image = source.KeywordIndexImage;
        if (image.Length < KeywordsOffset || ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(image)) & 7) != 0) return default;
        var header = MemoryMarshal.Cast<byte, int>(image[..HeaderBytes]);
        var size = KeywordsOffset + header[HeaderKeywords] * sizeof(Keyword) + header[HeaderKeywordRules] * sizeof(int) + header[HeaderFolded];
        return header[HeaderVersion] == ImageVersion && header[HeaderRules] == rules.Count && image.Length == size ? image : default;
    }

    /// <summary>Every rule's non-empty keywords, lower-cased as UTF-8 into one buffer.</summary>
    private static (OwnedKeyword[] Owned, int Count) FoldKeywords(IReadOnlyList<Rule> rules, out byte[] folded)
    {
        var count = 0;
        var size = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var keywords = rules[i].Keywords;
            count += keywords.Count;
            // Lower-casing keeps an ASCII keyword's length; any other may grow in UTF-8 (U+023A: two
            // bytes, its lower case three), so it gets the bound for its UTF-16 length.
            for (var k = 0; k < keywords.Count; k++)
                size += Ascii.IsValid(keywords[k]) ? keywords[k].Length : Encoding.UTF8.GetMaxByteCount(keywords[k].Length);
        }
        var owned = new OwnedKeyword[count];
        folded = new byte[size];
        count = 0;
        var used = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var keywords = rules[i].Keywords;
            for (var k = 0; k < keywords.Count; k++)
            {
                if (keywords[k].Length == 0) continue;
                // The compiled rules' keywords are lower-case already: ToLowerInvariant then returns the same string.
                var length = Encoding.UTF8.GetBytes(keywords[k].ToLowerInvariant(), folded.AsSpan(used));
                owned[count++] = new OwnedKeyword(used, length, i);
                used += length;
            }
        }
        return (owned, count);
    }

    /// <summary>One entry per distinct keyword, with its anchor and the run of rules it belongs to.</summary>
    private static (Keyword[] Keywords, int[] Rules) Distinct(Span<OwnedKeyword> owned, byte[] folded)
    {
        // Sorted by bytes, then rule: a keyword's rules become one run, a keyword several rules share one entry.
        owned.Sort((a, b) =>
            folded.AsSpan(a.Start, a.Length).SequenceCompareTo(folded.AsSpan(b.Start, b.Length)) is var order and not 0 ? order : a.Rule.CompareTo(b.Rule));
        var rules = new int[owned.Length];
        var keywords = new Keyword[owned.Length];
        var distinct = 0;
        var ruleCount = 0;
        foreach (var (start, length, rule) in owned)
        {
            var bytes = folded.AsSpan(start, length);
            if (distinct > 0 && bytes.SequenceEqual(folded.AsSpan(keywords[distinct - 1].Start, keywords[distinct - 1].Length)))
            {
                // The same keyword again: its rule joins the run, unless the rule named it twice.
                if (rules[ruleCount - 1] == rule) continue;
                rules[ruleCount++] = rule;
                keywords[distinct - 1].RulesCount++;
                continue;
            }
            var anchor = RarestAnchor(bytes);
            keywords[distinct++] = new Keyword(Hash3(Window(bytes, anchor)), anchor, start, length, ruleCount, 1);
            rules[ruleCount++] = rule;
        }
        return (keywords.AsSpan(0, distinct).ToArray(), rules.AsSpan(0, ruleCount).ToArray());
    }

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

    private bool Find<TSink>(ReadOnlySpan<byte> line, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        // Indentation holds no keyword: skipped vectorized, it is a fifth of ordinary source.
        var indent = _skipIndentation ? line.IndexOfAnyExcept((byte)' ', (byte)'\t') : 0;
        if (indent < 0 || line.Length - indent < 3 || _keywordCount == 0) return false;
        // Vectorized, a line of 16 bytes or more is searched to its end, the last positions included.
        if (_vectorized && line.Length >= 16) return FindEightAtATime(line, indent, ref sink);
        var found = false;
        ref var start = ref MemoryMarshal.GetReference(line);
        var i = indent;
        // Eight bytes per load give five positions with their four bytes.
        for (; i + 8 <= line.Length; i += 5)
            found |= CheckWindow(line, i, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)), 5, ref sink);
        if (i <= line.Length - 3)
        {
            // The last positions: the line's final bytes, zero-padded, as one more window.
            found |= CheckWindow(line, i, WindowAt(line, i), line.Length - 2 - i, ref sink);
        }
        return found;
    }

    // For lane t, the bytes t, t+1, t+2 of a 16-byte load as the low three bytes of a 32-bit lane: the
    // same value Hash3 takes from the position's eight-byte load. The second table starts at byte 6, for
    // the last positions of a line, whose three bytes end at the load's last byte.
    private static readonly Vector256<byte> ThreeBytesPerLane = Vector256.Create(
        (byte)0, 1, 2, 0x80, 1, 2, 3, 0x80, 2, 3, 4, 0x80, 3, 4, 5, 0x80,
        4, 5, 6, 0x80, 5, 6, 7, 0x80, 6, 7, 8, 0x80, 7, 8, 9, 0x80);
    private static readonly Vector256<byte> ThreeBytesPerLaneFromSix = Vector256.Create(
        (byte)6, 7, 8, 0x80, 7, 8, 9, 0x80, 8, 9, 10, 0x80, 9, 10, 11, 0x80,
        10, 11, 12, 0x80, 11, 12, 13, 0x80, 12, 13, 14, 0x80, 13, 14, 15, 0x80);

    /// <summary>
    /// The first pass for eight positions per step: their three-byte hashes computed in one vector and
    /// the anchor bitmap read with one gather. Positions whose bit is set go on to the four-byte bitmap
    /// and the comparison, as in the scalar path. The positions after the last full step are looked up
    /// in the line's last 16 bytes, so a line of 16 bytes or more needs no scalar pass.
    /// </summary>
    private bool FindEightAtATime<TSink>(ReadOnlySpan<byte> line, int from, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        ref var start = ref MemoryMarshal.GetReference(line);
        var anchors = _threeByteAnchors;
        var i = from;
        for (; i + 16 <= line.Length; i += 8)
            found |= CheckHits(line, i, AnchorHits(Vector128.LoadUnsafe(ref start, (nuint)i), ThreeBytesPerLane, anchors), ref sink);
        // Positions i .. Length-3 remain (at most 13): lanes 0-7 and 6-13 of the last 16 bytes cover
        // Length-16 .. Length-3; those before i were looked up already.
        var last = line.Length - 16;
        var tail = Vector128.LoadUnsafe(ref start, (nuint)last);
        var hits = AnchorHits(tail, ThreeBytesPerLane, anchors) | AnchorHits(tail, ThreeBytesPerLaneFromSix, anchors) << 6;
        return found | CheckHits(line, last, hits & (uint.MaxValue << (i - last)), ref sink);
    }

    /// <summary>One bit per lane: whether the anchor bitmap holds the hash of that lane's three bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AnchorHits(Vector128<byte> bytes, Vector256<byte> lanes, ulong* anchors)
    {
        var windows = Avx2.Shuffle(Vector256.Create(bytes, bytes) | Vector256.Create((byte)0x20), lanes).AsUInt32();
        var hashes = (windows * Vector256.Create(0x9E3779B1u)) >> (32 - HashBits);
        var words = Avx2.GatherVector256((uint*)anchors, (hashes >> 5).AsInt32(), 4);
        // Each lane's bit moved to the sign bit: MoveMask gives one bit per position.
        var bitInWord = Vector256.Create(31u);
        return (uint)Avx.MoveMask(Avx2.ShiftLeftLogicalVariable(words, bitInWord - (hashes & bitInWord)).AsSingle());
    }

    /// <summary>The positions from + bit of the anchor hits, on to the four-byte bitmap and the comparison.</summary>
    private bool CheckHits<TSink>(ReadOnlySpan<byte> line, int from, uint hits, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        for (; hits != 0; hits &= hits - 1)
        {
            var at = from + BitOperations.TrailingZeroCount(hits);
            var window = WindowAt(line, at) | Fold;
            var hash = Hash3(window);
            if ((Bit(_anchorsAtEnd, hash) | Bit(_fourByteAnchors, Hash4(window))) != 0)
                found |= Verify(line, at, hash, ref sink);
        }
        return found;
    }

    /// <summary>Eight bytes from the position; near the line's end, its last bytes zero-padded.</summary>
    private static ulong WindowAt(ReadOnlySpan<byte> line, int at)
    {
        ref var start = ref MemoryMarshal.GetReference(line);
        if (at + 8 <= line.Length) return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at));
        ulong window = 0;
        for (var j = line.Length - 1; j >= at; j--) window = window << 8 | Unsafe.Add(ref start, j);
        return window;
    }

    /// <summary>Looks up the first positions of an eight-byte window; only set bits lead on to comparisons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CheckWindow<TSink>(ReadOnlySpan<byte> line, int at, ulong window, int positions, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        window |= Fold;
        var any = 0UL;
        for (var p = 0; p < positions; p++) any |= Bit(_threeByteAnchors, Hash3(window >> (p << 3)));
        if (any == 0) return false;
        var found = false;
        for (var p = 0; p < positions; p++)
        {
            var shifted = window >> (p << 3);
            var hash = Hash3(shifted);
            if (Bit(_threeByteAnchors, hash) != 0 && (Bit(_anchorsAtEnd, hash) | Bit(_fourByteAnchors, Hash4(shifted))) != 0)
                found |= Verify(line, at + p, hash, ref sink);
        }
        return found;
    }

    /// <summary>Compares the keywords of the hit's bucket where they would start, case-insensitively for ASCII.</summary>
    private bool Verify<TSink>(ReadOnlySpan<byte> line, int position, uint hash, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        var bucket = hash >> (HashBits - BucketBits);
        for (var k = _bucketStart[bucket]; k < _bucketStart[bucket + 1]; k++)
        {
            ref readonly var keyword = ref _keywords[k];
            var start = position - keyword.Anchor;
            if (keyword.Hash != hash || start < 0 || !StartsWithFolded(line[start..], new ReadOnlySpan<byte>(_folded + keyword.Start, keyword.Length))) continue;
            sink.Found(new ReadOnlySpan<int>(_keywordRules + keyword.RulesStart, keyword.RulesCount), start);
            found = true;
        }
        return found;
    }

    private static bool StartsWithFolded(ReadOnlySpan<byte> text, ReadOnlySpan<byte> folded)
    {
        if (text.Length < folded.Length) return false;
        for (var j = 0; j < folded.Length; j++)
        {
            var b = text[j];
            if (b - (uint)'A' <= 'Z' - 'A') b |= 0x20;
            if (b != folded[j]) return false;
        }
        return true;
    }

    /// <summary>A keyword's bytes from its anchor as a window, case-folded like the line's.</summary>
    private static ulong Window(ReadOnlySpan<byte> folded, int anchor)
    {
        ulong window = 0;
        for (var j = Math.Min(folded.Length, anchor + 8) - 1; j >= anchor; j--) window = window << 8 | folded[j];
        return window | Fold;
    }

    /// <summary>
    /// The offset of the keyword's three bytes least likely in ordinary text, by English letter
    /// frequencies (digits and punctuation count as rare): the bitmap then lets through few positions.
    /// </summary>
    private static int RarestAnchor(ReadOnlySpan<byte> folded)
    {
        if (folded.Length < 3)
            // Rule files reject such keywords; a rule built in code must not silently never run.
            throw new ArgumentException($"keyword '{Encoding.UTF8.GetString(folded)}' is shorter than the 3 bytes the prefilter anchors on");
        var best = 0;
        var bestScore = double.MaxValue;
        for (var at = 0; at + 3 <= folded.Length; at++)
        {
            var score = Frequency(folded[at]) * Frequency(folded[at + 1]) * Frequency(folded[at + 2]);
            if (score < bestScore) (best, bestScore) = (at, score);
        }
        return best;
    }

    private static double Frequency(byte b) => b switch
    {
        >= (byte)'a' and <= (byte)'z' => LetterFrequencies[b - 'a'],
        (byte)' ' => 15,
        (byte)'.' or (byte)'_' or (byte)'-' or (byte)'/' or (byte)'"' or (byte)'(' or (byte)')' => 2,
        _ => 0.5,
    };

    // Percent of English letters a..z: ordinary source is identifiers and words made of them.
    private static readonly double[] LetterFrequencies =
        [8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4, 6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07];

    private static void Set(Span<ulong> bitmap, uint hash) => bitmap[(int)(hash >> 6)] |= 1UL << (int)hash;

    // The index is below the bitmap's length by construction (HashBits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bit(ulong* bitmap, uint hash) => bitmap[hash >> 6] & (1UL << (int)hash);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash3(ulong window) => (((uint)window & 0xFFFFFF) * 0x9E3779B1u) >> (32 - HashBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash4(ulong window) => ((uint)window * 0x85EBCA77u) >> (32 - HashBits);
}
