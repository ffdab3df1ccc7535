using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>Building an index: keywords folded, made distinct and anchored on their rarest bytes.</summary>
internal sealed unsafe partial class KeywordIndex
{
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

    /// <summary>
    /// The offset of the keyword's three bytes least likely in ordinary text: every position holding
    /// them costs the search a look at the four-byte bitmap or a comparison, so a keyword anchored on a
    /// common sequence (`typ` of `typesense`, `ing` of `tiingo`) costs every line that has it. How common
    /// a sequence is comes from CommonTrigrams, counted in ordinary source code; the others are rarer than
    /// any of those and ranked by English letter frequencies (digits and punctuation count as rare).
    /// </summary>
    internal static int RarestAnchor(ReadOnlySpan<byte> folded)
    {
        if (folded.Length < 3)
            // Rule files reject such keywords; a rule built in code must not silently never run.
            throw new ArgumentException($"keyword '{Encoding.UTF8.GetString(folded)}' is shorter than the 3 bytes the prefilter anchors on");
        var best = 0;
        var bestScore = double.MaxValue;
        for (var at = 0; at + 3 <= folded.Length; at++)
        {
            var score = Frequency(folded[at], folded[at + 1], folded[at + 2]);
            // An anchor at the keyword's end has no fourth byte for the four-byte bitmap: each of its hits is compared.
            if (at + 3 == folded.Length && folded.Length > 3) score *= 2;
            if (score < bestScore) (best, bestScore) = (at, score);
        }
        return best;
    }

    /// <summary>
    /// About how often three bytes occur: the count in the source CommonTrigrams was taken from (at least
    /// 2) for the sequences listed there, below 1 for any other.
    /// </summary>
    private static double Frequency(byte first, byte second, byte third)
    {
        var key = (uint)(first | 0x20) << 16 | (uint)(second | 0x20) << 8 | (uint)(third | 0x20);
        var table = CommonTrigrams;
        int low = 0, high = table.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var entry = table[middle] >> 8;
            if (entry == key) return Math.Pow(2, table[middle] & 0xFF);
            if (entry < key) low = middle + 1;
            else high = middle - 1;
        }
        return Frequency(first) * Frequency(second) * Frequency(third) / 4096;
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
}
