using HookGuard.Config;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Rules;
using HookGuard.Sources;

namespace HookGuard.Scanning;

/// <summary>The repository a command runs in, with its configuration, rules and baseline loaded.</summary>
internal sealed class RepoContext
{
    public Repository? Repository { get; private init; }
    public required RepoConfig Config { get; init; }
    public required IReadOnlyList<Rule> Rules { get; init; }
    public Baseline? Baseline { get; private init; }
    /// <summary>The folder repository-relative paths are relative to.</summary>
    public required string Root { get; init; }

    /// <param name="origin">Where .hookguard.yaml and the baseline are read from (the trust rule); the working tree by default.</param>
    /// <param name="explicitConfig">--config: a file replacing the repository's configuration, or null.</param>
    public static RepoContext Load(string? explicitConfig, bool needsGit, PolicyOrigin? origin = null) => Load(explicitConfig, FindRepository(needsGit), origin);

    /// <summary>The repository here; without one, null where plain folders will do.</summary>
    public static Repository? FindRepository(bool needsGit)
    {
        if (needsGit) return Repository.Find();
        try { return Repository.Find(); }
        catch (GitException) { return null; /* plain folders need no git */ }
    }

    /// <summary>The context of a repository found already.</summary>
    public static RepoContext Load(string? explicitConfig, Repository? repo, PolicyOrigin? origin = null)
    {
        var root = repo?.Root ?? Environment.CurrentDirectory;
        // Asked only when a first fingerprint is computed: a clean commit starts no git for it.
        HookGuard.Findings.Fingerprints.UseSalt(repo is null ? () => "" : () => FingerprintSalt.Of(repo, Console.Error));
        var policy = PolicySnapshot.Read(repo, root, origin ?? PolicyOrigin.WorkingTree, explicitConfig);
        return new RepoContext
        {
            Repository = repo,
            Config = policy.Config,
            Rules = policy.Config.EffectiveRules(RuleSet.BuiltIn),
            Baseline = policy.Baseline,
            Root = root,
            Policy = policy,
        };
    }

    /// <summary>The configuration and baseline in force, with where they were read from.</summary>
    public required PolicySnapshot Policy { get; init; }

    public string BaselinePath => Path.Combine(Root, Policy.BaselinePath);
}
