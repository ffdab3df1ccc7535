using HookGuard.Cli.CommandLine;
using HookGuard.Config;
using HookGuard.Git;
using HookGuard.Policy;
using HookGuard.Rules;

namespace HookGuard.Cli.Commands;

/// <summary>The repository a command runs in, with its configuration, rules and baseline loaded.</summary>
public sealed class RepoContext
{
    public Repository? Repository { get; private init; }
    public required RepoConfig Config { get; init; }
    public required IReadOnlyList<Rule> Rules { get; init; }
    public Baseline? Baseline { get; private init; }
    /// <summary>The folder repository-relative paths are relative to.</summary>
    public required string Root { get; init; }

    /// <param name="staged">Read .hookguard.yaml from the index: the config in the commit being made governs it.</param>
    public static RepoContext Load(ParsedArgs args, bool needsGit, bool staged = false)
    {
        Repository? repo = null;
        if (needsGit) repo = Repository.Find();
        else
        {
            try { repo = Repository.Find(); }
            catch (GitException) { /* plain folders need no git */ }
        }
        return Load(args, repo, staged);
    }

    /// <summary>The context of a repository found already.</summary>
    public static RepoContext Load(ParsedArgs args, Repository? repo, bool staged = false)
    {
        var root = repo?.Root ?? Environment.CurrentDirectory;
        // Asked only when a first fingerprint is computed: a clean commit starts no git for it.
        HookGuard.Findings.Fingerprints.UseSalt(repo is null ? () => "" : () => FingerprintSalt.Of(repo, Console.Error));
        var config = LoadConfig(args, repo, root, staged);
        var baselinePath = Path.Combine(root, config.BaselinePath ?? Baseline.DefaultPath);
        return new RepoContext
        {
            Repository = repo,
            Config = config,
            Rules = config.EffectiveRules(RuleSet.BuiltIn),
            Baseline = File.Exists(baselinePath) ? LoadBaseline(baselinePath) : null,
            Root = root,
        };
    }

    public string BaselinePath => Path.Combine(Root, Config.BaselinePath ?? Baseline.DefaultPath);

    private static RepoConfig LoadConfig(ParsedArgs args, Repository? repo, string root, bool staged)
    {
        string name, text;
        if (args.Value(CommonOptions.Config.Name) is { } explicitPath)
        {
            if (!File.Exists(explicitPath)) throw new UsageException($"option '--config': no such file '{explicitPath}'");
            (name, text) = (explicitPath, File.ReadAllText(explicitPath));
        }
        else
        {
            var path = Path.Combine(root, ConfigLoader.FileName);
            // The staged version governs the commit being made; an untracked one still applies.
            var fromIndex = staged && repo is not null && File.Exists(path) ? repo.ReadStaged(ConfigLoader.FileName) : null;
            if (fromIndex is not null) text = fromIndex;
            else if (File.Exists(path)) text = File.ReadAllText(path);
            else return RepoConfig.Default;
            name = ConfigLoader.FileName;
        }
        var config = ConfigLoader.Parse(name, text, RuleSet.BuiltIn, out var errors);
        if (errors.Count > 0) throw new ConfigException(errors);
        return config;
    }

    private static Baseline LoadBaseline(string path)
    {
        try { return Baseline.Load(path); }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ConfigException([new ConfigError(path, 0, 0, "unreadable baseline: " + e.Message + "; recreate it with `hookguard baseline create`")]);
        }
    }
}
