using System.Text.RegularExpressions;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// Finds secrets in one line: keyword prefilter, then the candidate rules' patterns, then the entropy,
/// placeholder and checksum checks. A line with no keyword allocates nothing.
/// </summary>
public sealed class Matcher
{
    // Past this length (minified files, data blobs) patterns run only in windows around keyword hits,
    // so that a 50 MB line costs a few regex runs, not one over all of it.
    private const int WholeLineLimit = 16 * 1024;
    private const int WindowBefore = 512, WindowAfter = 4096;

    private readonly Rule[] _rules;
    private readonly KeywordIndex _keywords;

    public Matcher(IReadOnlyList<Rule> rules)
    {
        _rules = [.. rules];
        _keywords = new KeywordIndex(_rules);
    }

    /// <summary>Pattern runs that hit their time bound (a built-in pattern's bug, never a hang); the caller reports them.</summary>
    public int TimedOut { get; private set; }

    /// <summary>Replaces the contents of results with the secrets found in the line; returns how many.</summary>
    public int Scan(ReadOnlySpan<char> line, List<SecretMatch> results)
    {
        results.Clear();
        var words = (_rules.Length + 63) >> 6;
        Span<ulong> candidates = words <= 64 ? stackalloc ulong[words] : new ulong[words];
        candidates.Clear();
        if (!_keywords.FindCandidates(line, candidates)) return 0;

        string? text = null;
        for (var w = 0; w < candidates.Length; w++)
        {
            var bits = candidates[w];
            while (bits != 0)
            {
                var index = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var rule = _rules[index];
                try
                {
                    if (line.Length > WholeLineLimit)
                    {
                        ScanWindows(rule, line, results);
                        continue;
                    }
                    // The span-based test allocates nothing and rules out most candidate lines.
                    if (!rule.Regex.IsMatch(line)) continue;
                    text ??= line.ToString();
                    AddMatches(rule, text, 0, results);
                }
                catch (RegexMatchTimeoutException)
                {
                    TimedOut++;
                }
            }
        }
        return results.Count;
    }

    /// <summary>Runs the rule on windows around every occurrence of its keywords, merged where they overlap.</summary>
    private static void ScanWindows(Rule rule, ReadOnlySpan<char> line, List<SecretMatch> results)
    {
        var hits = new List<int>();
        foreach (var keyword in rule.Keywords)
            for (int from = 0, hit; from < line.Length && (hit = line[from..].IndexOf(keyword, StringComparison.OrdinalIgnoreCase)) >= 0; from += hit + 1)
                hits.Add(from + hit);
        // Hits of different keywords interleave: windows can only be merged in line order.
        hits.Sort();
        int windowStart = 0, windowEnd = -1;
        foreach (var hit in hits)
        {
            var start = Math.Max(0, hit - WindowBefore);
            if (start > windowEnd)
            {
                if (windowEnd >= 0) AddMatches(rule, line[windowStart..windowEnd].ToString(), windowStart, results);
                windowStart = start;
            }
            windowEnd = Math.Max(windowEnd, Math.Min(line.Length, hit + WindowAfter));
        }
        if (windowEnd >= 0) AddMatches(rule, line[windowStart..windowEnd].ToString(), windowStart, results);
    }

    private static void AddMatches(Rule rule, string text, int offset, List<SecretMatch> results)
    {
        for (var match = rule.Regex.Match(text); match.Success; match = match.NextMatch())
        {
            var secret = RulePattern.SecretGroup(match);
            if (secret.Length == 0) continue;
            var value = secret.ValueSpan;
            var entropy = Entropy.Shannon(value);
            if (entropy < rule.MinEntropy) continue;
            if (Placeholders.IsPlaceholder(value)) continue;
            if (!Checksums.IsValid(rule.Checksum, value)) continue;
            if (rule.Generic && !GenericValues.LooksLikeSecret(value)) continue;
            if (Overlaps(results, rule, offset + secret.Index, secret.Length)) continue;
            results.Add(new SecretMatch(rule, offset + secret.Index, secret.Length, secret.Value, Math.Round(entropy, 2)));
        }
    }

    /// <summary>A provider rule and a generic rule often see the same value; report it once, as the precise one.</summary>
    private static bool Overlaps(List<SecretMatch> results, Rule rule, int start, int length)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var other = results[i];
            var overlap = other.Start < start + length && start < other.Start + other.Length;
            if (!overlap) continue;
            if (rule.Generic) return true;
            if (other.Rule.Generic)
            {
                results.RemoveAt(i);
                return false;
            }
            return other.Start == start && other.Length == length;
        }
        return false;
    }
}
