using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>The index's image: the layout the rule compiler writes into the binary and every index reads.</summary>
internal sealed unsafe partial class KeywordIndex
{
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
        CompiledRuleSource source;
        if (rules is CompiledRuleList list) source = list.Source;
        else
        {
            if (rules.Count == 0 || rules[0].Compiled is not { } first) return default;
            source = first;
            for (var i = 0; i < rules.Count; i++)
                if (!ReferenceEquals(rules[i].Compiled, source) || rules[i].CompiledIndex != i) return default;
        }
        var image = source.KeywordIndexImage;
        if (image.Length < KeywordsOffset || ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(image)) & 7) != 0) return default;
        var header = MemoryMarshal.Cast<byte, int>(image[..HeaderBytes]);
        var size = KeywordsOffset + header[HeaderKeywords] * sizeof(Keyword) + header[HeaderKeywordRules] * sizeof(int) + header[HeaderFolded];
        return header[HeaderVersion] == ImageVersion && header[HeaderRules] == rules.Count && image.Length == size ? image : default;
    }
}
