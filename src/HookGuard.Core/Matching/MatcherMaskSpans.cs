using System.Numerics;
using System.Text.RegularExpressions;
using HookGuard.Findings;
using HookGuard.Rules;

namespace HookGuard.Matching;

internal sealed partial class Matcher
{
    // Around the findings of a printed line: the report shows a few dozen characters around each.
    private const int MaskMargin = 512;

    /// <summary>
    /// Every secret any rule whose keyword occurs matches on a line that has a finding, whatever its
    /// verdict: rules out of scope, values below a rule's entropy or overlapped by another rule's match,
    /// PEM headers through the body written after them. A printed line masks them all, so that a secret
    /// next to the one reported (allowed, baselined, secondary) is never shown. Runs only for lines with
    /// findings, over the part of the line around them.
    /// </summary>
    public List<(int Start, int Length)> SecretSpans(ReadOnlySpan<byte> line, string text, int from, int to)
    {
        var spans = new List<(int, int)>();
        var words = (_rules.Count + 63) >> 6;
        var candidates = new ulong[words];
        if (!_keywords.FindCandidates(line, candidates)) return spans;
        from = Math.Max(0, from - MaskMargin);
        to = Math.Min(text.Length, to + MaskMargin);
        var window = from == 0 && to == text.Length ? text : text[from..to];
        for (var w = 0; w < words; w++)
            for (var bits = candidates[w]; bits != 0; bits &= bits - 1)
                AddSpans(_rules[(w << 6) + BitOperations.TrailingZeroCount(bits)], window, from, spans);
        return spans;
    }

    private static void AddSpans(Rule rule, string window, int offset, List<(int, int)> spans)
    {
        try
        {
            for (var match = rule.Regex.Match(window); match.Success; match = match.NextMatch())
            {
                var secret = RulePattern.SecretGroup(match);
                if (secret.Length == 0) continue;
                var length = secret.Length;
                if (PrivateKeyMaterial.IsPemKey(secret.Value))
                {
                    PrivateKeyMaterial.BodyInLine(window, secret.Index, out var bodyEnd);
                    length = Math.Max(length, bodyEnd - secret.Index);
                }
                spans.Add((offset + secret.Index, length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // The findings' own spans are masked regardless.
        }
    }
}
