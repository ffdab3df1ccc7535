using HookGuard.Rules;

namespace HookGuard.Config;

internal sealed record FingerprintAllow(string Fingerprint, string Reason, string Reviewer);

/// <summary>A repository's .hookguard.yaml, validated.</summary>
internal sealed class RepoConfig
{
    public static RepoConfig Default { get; } = new();

    public string? Source { get; init; }
    public IReadOnlyList<string> DisabledRules { get; init; } = [];
    public IReadOnlyList<Rule> CustomRules { get; init; } = [];
    public IReadOnlyDictionary<string, double> EntropyOverrides { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RulePaths { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public PathFilter Paths { get; init; } = PathFilter.All;
    public IReadOnlyList<string> Reviewers { get; init; } = [];
    public IReadOnlyList<FingerprintAllow> Fingerprints { get; init; } = [];
    /// <summary>allowlist.pathInFingerprint: fingerprints include the file, so an allowed secret copied elsewhere blocks again.</summary>
    public bool PathInFingerprint { get; init; }
    /// <summary>Every glob of the file with the key it came from, for `config validate` to check against the repository.</summary>
    public IReadOnlyList<(string Key, string Glob)> Globs { get; init; } = [];
    public string? BaselinePath { get; init; }
    public long? MaxFileSize { get; init; }
    /// <summary>generic.threshold: the score (0..1) a generic rule's candidate needs to be reported; null: the model's own.</summary>
    public double? GenericThreshold { get; init; }

    /// <summary>The rules this repository runs: built-in less disabled, plus custom, with its overrides applied.</summary>
    public IReadOnlyList<Rule> EffectiveRules(IReadOnlyList<Rule> builtIn)
    {
        // Most repositories change nothing: the built-in list is used as it is.
        if (DisabledRules.Count == 0 && CustomRules.Count == 0 && EntropyOverrides.Count == 0 && RulePaths.Count == 0) return builtIn;
        var disabled = DisabledRules.ToHashSet(StringComparer.Ordinal);
        var rules = builtIn.Concat(CustomRules).Where(r => !disabled.Contains(r.Id)).Select(Override);
        return RuleSet.Ordered(rules);
    }

    private Rule Override(Rule rule)
    {
        var entropy = EntropyOverrides.TryGetValue(rule.Id, out var e) ? e : rule.MinEntropy;
        var paths = RulePaths.TryGetValue(rule.Id, out var p) ? p : rule.Paths;
        return entropy == rule.MinEntropy && ReferenceEquals(paths, rule.Paths) ? rule : rule.WithOverrides(entropy, paths);
    }
}
