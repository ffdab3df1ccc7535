using HookGuard.Config;
using HookGuard.Rules;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

/// <summary>One difference between the policy that judged a change and the one the change brings.</summary>
internal sealed record PolicyChange(string Text, bool Relaxes);

/// <summary>
/// What a change does to `.hookguard.yaml` and the baseline. Under the trust rule it takes effect only
/// after the change, so it is reported, never applied to the change that makes it.
/// </summary>
internal static class PolicyChanges
{
    public static List<PolicyChange> Between(PolicySnapshot before, PolicySnapshot after)
    {
        var changes = new List<PolicyChange>();
        if (before.ConfigText == after.ConfigText && before.BaselineText == after.BaselineText && before.BaselinePath == after.BaselinePath)
            return changes;
        var (b, a) = (before.Config, after.Config);
        Compare(changes, "rules.disable", b.DisabledRules, a.DisabledRules, addRelaxes: true);
        Compare(changes, "rules.custom", b.CustomRules.Select(r => r.Id), a.CustomRules.Select(r => r.Id), addRelaxes: false);
        foreach (var rule in a.CustomRules)
            if (b.CustomRules.FirstOrDefault(r => r.Id == rule.Id) is { } old && (old.Pattern != rule.Pattern || old.MinEntropy != rule.MinEntropy
                || !old.Keywords.SequenceEqual(rule.Keywords) || !old.Paths.SequenceEqual(rule.Paths)))
                changes.Add(new($"rules.custom changes '{rule.Id}'", true));
        foreach (var id in b.EntropyOverrides.Keys.Union(a.EntropyOverrides.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (Entropy(before, id), Entropy(after, id));
            if (was != now) changes.Add(new($"rules.entropy {(now > was ? "raises" : "lowers")} '{id}' from {was} to {now}", now > was));
        }
        foreach (var id in b.RulePaths.Keys.Union(a.RulePaths.Keys).Order(StringComparer.Ordinal))
        {
            var was = b.RulePaths.GetValueOrDefault(id);
            var now = a.RulePaths.GetValueOrDefault(id);
            if (was is not null && now is not null && was.SequenceEqual(now)) continue;
            changes.Add(now is null
                ? new($"rules.paths no longer scopes '{id}'", false)
                : new($"rules.paths scopes '{id}' to [{string.Join(", ", now)}]", true));
        }
        Compare(changes, "paths.exclude", Globs(b, "paths.exclude"), Globs(a, "paths.exclude"), addRelaxes: true);
        if (Globs(a, "paths.include") is var include && !Globs(b, "paths.include").SequenceEqual(include))
            changes.Add(new($"paths.include becomes [{string.Join(", ", include)}]", include.Count > 0)); // any include list leaves files out
        if (b.Reviewers.Count > 0 && a.Reviewers.Count == 0) changes.Add(new("allowlist.reviewers is removed: any reviewer's name counts", true));
        else if (b.Reviewers.Count > 0 || a.Reviewers.Count > 0) Compare(changes, "allowlist.reviewers", b.Reviewers, a.Reviewers, addRelaxes: b.Reviewers.Count > 0);
        Compare(changes, "allowlist.fingerprints", b.Fingerprints.Select(f => f.Fingerprint[..12] + "…"), a.Fingerprints.Select(f => f.Fingerprint[..12] + "…"), addRelaxes: true);
        if (b.PathInFingerprint != a.PathInFingerprint)
            changes.Add(new($"allowlist.pathInFingerprint becomes {(a.PathInFingerprint ? "true" : "false")}", !a.PathInFingerprint));
        if ((b.MaxFileSize ?? long.MaxValue) != (a.MaxFileSize ?? long.MaxValue))
            changes.Add(new($"maxFileSize becomes {(a.MaxFileSize is { } size ? size + " bytes" : "unlimited")}", (a.MaxFileSize ?? long.MaxValue) < (b.MaxFileSize ?? long.MaxValue)));
        if (before.BaselinePath != after.BaselinePath) changes.Add(new($"baseline moves to {after.BaselinePath}", true));
        var wasBaselined = before.Baseline?.Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        var nowBaselined = after.Baseline?.Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal) ?? [];
        if (nowBaselined.Except(wasBaselined).Count() is var added and > 0) changes.Add(new($"the baseline adds {added} fingerprint(s)", true));
        if (wasBaselined.Except(nowBaselined).Count() is var removed and > 0) changes.Add(new($"the baseline drops {removed} fingerprint(s)", false));
        return changes;
    }

    /// <summary>"policy relaxed in this commit: ...; it takes effect after it": one line per direction.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<PolicyChange> changes, string where, string judgedBy)
    {
        // Plain loops: this runs in every hook, almost always with nothing to say (LINQ's Where().Select()
        // is a generic virtual call, resolved by the runtime's type loader on first use).
        foreach (var relaxes in new[] { true, false })
        {
            var these = new List<string>();
            foreach (var change in changes)
                if (change.Relaxes == relaxes) these.Add(change.Text);
            if (these.Count > 0)
                yield return $"policy {(relaxes ? "relaxed" : "tightened")} {where}: {string.Join("; ", these)}; " +
                    $"it takes effect after it (this scan was judged by .hookguard.yaml {judgedBy})";
        }
    }

    private static double Entropy(PolicySnapshot snapshot, string id) =>
        snapshot.Config.EntropyOverrides.TryGetValue(id, out var e) ? e
        : RuleSet.BuiltIn.Concat(snapshot.Config.CustomRules).FirstOrDefault(r => r.Id == id)?.MinEntropy ?? 0;

    private static List<string> Globs(RepoConfig config, string key) => [.. config.Globs.Where(g => g.Key == key).Select(g => g.Glob)];

    private static void Compare(List<PolicyChange> changes, string key, IEnumerable<string> before, IEnumerable<string> after, bool addRelaxes)
    {
        var (was, now) = (before.ToHashSet(StringComparer.Ordinal), after.ToHashSet(StringComparer.Ordinal));
        foreach (var added in now.Except(was).Order(StringComparer.Ordinal)) changes.Add(new($"{key} adds '{added}'", addRelaxes));
        foreach (var removed in was.Except(now).Order(StringComparer.Ordinal)) changes.Add(new($"{key} drops '{removed}'", !addRelaxes));
    }
}
