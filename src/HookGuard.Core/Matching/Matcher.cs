using System.Text.RegularExpressions;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// Finds secrets in one line: keyword prefilter, then the candidate rules' patterns, then the entropy,
/// placeholder and checksum checks. A line with no keyword allocates nothing.
/// </summary>
public sealed class Matcher
{
    private readonly Rule[] _rules;
    private readonly KeywordIndex _keywords;

    public Matcher(IReadOnlyList<Rule> rules)
    {
        _rules = [.. rules];
        _keywords = new KeywordIndex(_rules);
    }

    public IReadOnlyList<Rule> Rules => _rules;

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
                // The span-based test allocates nothing and rules out most candidate lines.
                if (!rule.Regex.IsMatch(line)) continue;
                text ??= line.ToString();
                AddMatches(rule, text, results);
            }
        }
        return results.Count;
    }

    private static void AddMatches(Rule rule, string text, List<SecretMatch> results)
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
            if (Overlaps(results, rule, secret)) continue;
            results.Add(new SecretMatch(rule, secret.Index, secret.Length, secret.Value, Math.Round(entropy, 2)));
        }
    }

    /// <summary>A provider rule and a generic rule often see the same value; report it once, as the precise one.</summary>
    private static bool Overlaps(List<SecretMatch> results, Rule rule, Group secret)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var other = results[i];
            var overlap = other.Start < secret.Index + secret.Length && secret.Index < other.Start + other.Length;
            if (!overlap) continue;
            if (rule.Generic) return true;
            if (other.Rule.Generic)
            {
                results.RemoveAt(i);
                return false;
            }
            return other.Start == secret.Index && other.Length == secret.Length;
        }
        return false;
    }
}
