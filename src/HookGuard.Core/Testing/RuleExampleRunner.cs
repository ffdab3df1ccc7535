using HookGuard.Matching;
using HookGuard.Rules;

namespace HookGuard.Testing;

/// <summary>
/// Runs each rule's own examples through the real matcher (prefilter, pattern, entropy, placeholder and
/// checksum checks): every `match` line must yield a finding of that rule, no `noMatch` line may.
/// </summary>
public static class RuleExampleRunner
{
    public static List<string> Run(IReadOnlyList<Rule> rules)
    {
        var failures = new List<string>();
        var results = new List<SecretMatch>();
        foreach (var rule in rules)
        {
            var alone = new Matcher([rule]);
            foreach (var example in rule.Examples.Match)
            {
                alone.Scan(example, results);
                if (results.Count == 0) failures.Add($"{rule.Origin}: {rule.Id}: match example not found: {example}");
            }
            foreach (var example in rule.Examples.NoMatch)
            {
                alone.Scan(example, results);
                if (results.Count > 0) failures.Add($"{rule.Origin}: {rule.Id}: noMatch example was found ({results[0].Secret}): {example}");
            }
        }
        return failures;
    }
}
