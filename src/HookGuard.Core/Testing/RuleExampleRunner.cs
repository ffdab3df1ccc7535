using HookGuard.Matching;
using HookGuard.Reporting;
using HookGuard.Rules;

namespace HookGuard.Testing;

/// <summary>
/// Runs each rule's own examples through the real matcher (prefilter, pattern, entropy, placeholder and
/// checksum checks): every `match` line must yield a finding of that rule, no `noMatch` line may.
/// A failure names the example by its number; its value is redacted (a custom rule's example may be a
/// real secret) unless secrets were asked for.
/// </summary>
internal static class RuleExampleRunner
{
    public static List<string> Run(IReadOnlyList<Rule> rules, bool showSecrets = false)
    {
        var failures = new List<string>();
        var results = new List<SecretMatch>();
        foreach (var rule in rules)
        {
            var alone = new Matcher([rule]);
            for (var i = 0; i < rule.Examples.Match.Count; i++)
            {
                var example = rule.Examples.Match[i];
                Scan(alone, rule, example, results);
                if (results.Count == 0)
                    failures.Add($"{rule.Origin}: {rule.Id}: match example not found (number {i + 1}): {(showSecrets ? example : Redaction.Redact(example))}");
            }
            for (var i = 0; i < rule.Examples.NoMatch.Count; i++)
            {
                var example = rule.Examples.NoMatch[i];
                Scan(alone, rule, example, results);
                if (results.Count > 0)
                    failures.Add($"{rule.Origin}: {rule.Id}: noMatch example was found (number {i + 1}, {Redaction.Display(results[0].Secret, showSecrets)}): " +
                        (showSecrets ? example : Masked(example, results)));
            }
        }
        return failures;
    }

    /// <summary>A file-name rule's examples are file names.</summary>
    private static void Scan(Matcher matcher, Rule rule, string example, List<SecretMatch> results)
    {
        if (rule.FileName) matcher.ScanName(example, results);
        else matcher.Scan(example, results);
    }

    /// <summary>The example with what the rule found in it redacted.</summary>
    private static string Masked(string example, List<SecretMatch> found)
    {
        foreach (var match in found.OrderByDescending(m => m.Start))
        {
            if (match.Start < 0 || match.Start + match.Length > example.Length) return Redaction.Redact(example);
            example = example[..match.Start] + Redaction.Redact(match.Secret) + example[(match.Start + match.Length)..];
        }
        return example;
    }
}
