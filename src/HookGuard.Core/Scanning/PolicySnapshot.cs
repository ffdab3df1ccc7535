using HookGuard.Config;
using HookGuard.GitStore;
using HookGuard.Policy;
using HookGuard.Rules;
using HookGuard.Sources;
using HookGuard.Yaml;

namespace HookGuard.Scanning;

/// <summary>Where `.hookguard.yaml` and the baseline are read from (the trust rule, docs/DESIGN.md).</summary>
internal sealed record PolicyOrigin(PolicyOrigin.Kinds Kind, string? Revision = null)
{
    public enum Kinds { WorkingTree, Commit, Index, HeadOrIndex }

    /// <summary>The files as they are on disk: `scan PATH` and the commands that edit or list them.</summary>
    public static PolicyOrigin WorkingTree { get; } = new(Kinds.WorkingTree);

    /// <summary>As the index holds them: what a commit being made would bring.</summary>
    public static PolicyOrigin Index { get; } = new(Kinds.Index);

    /// <summary>pre-commit: as committed at HEAD; before the first commit, as staged.</summary>
    public static PolicyOrigin HeadOrIndex { get; } = new(Kinds.HeadOrIndex);

    public static PolicyOrigin Commit(string revision) => new(Kinds.Commit, revision);
}

/// <summary>The configuration and baseline read from one <see cref="PolicyOrigin"/>, with their text (to compare versions).</summary>
internal sealed class PolicySnapshot
{
    public required RepoConfig Config { get; init; }
    public Baseline? Baseline { get; init; }
    public string? ConfigText { get; init; }
    public string? BaselineText { get; init; }
    /// <summary>The baseline's repository-relative path, with '/' separators.</summary>
    public required string BaselinePath { get; init; }
    /// <summary>"committed at HEAD (1a2b3c4)", "staged", "in the working tree", for messages.</summary>
    public required string Where { get; init; }

    public static PolicySnapshot Read(Repository? repo, string root, PolicyOrigin origin, string? explicitConfig)
    {
        var reader = FileReader.For(repo, root, origin);
        string? configText;
        string configName;
        if (explicitConfig is not null)
        {
            // An explicit --config is the choice of whoever runs the command (the installed hooks never pass one).
            var kind = PolicyFile.KindOf(Path.GetFullPath(explicitConfig), followLinks: true);
            if (kind == PolicyFile.FileKind.Missing) throw new ScanRequestException($"option '--config': no such file '{explicitConfig}'");
            if (kind != PolicyFile.FileKind.Regular) throw new ScanRequestException($"option '--config': '{explicitConfig}' is not a regular file");
            using var stream = File.OpenRead(explicitConfig);
            (configText, configName) = (PolicyFile.ReadBounded(stream, explicitConfig, PolicyFile.MaxConfigBytes), explicitConfig);
        }
        else
        {
            configName = ConfigLoader.FileName;
            configText = reader.Read(ConfigLoader.FileName, PolicyFile.MaxConfigBytes);
        }
        var config = configText is null ? RepoConfig.Default : Parse(configName, configText, reader.Where);
        var baselinePath = config.BaselinePath ?? Baseline.DefaultPath;
        var baselineText = reader.Read(baselinePath, PolicyFile.MaxBaselineBytes);
        return new PolicySnapshot
        {
            Config = config,
            Baseline = baselineText is null ? null : ParseBaseline(baselinePath, baselineText),
            ConfigText = configText,
            BaselineText = baselineText,
            BaselinePath = baselinePath,
            Where = reader.Where,
        };
    }

    private static RepoConfig Parse(string name, string text, string where)
    {
        var config = ConfigLoader.Parse(name, text, RuleSet.BuiltIn, out var errors);
        if (errors.Count == 0) return config;
        if (where != FileReader.InWorkingTree)
            errors.Add(new ConfigError(name, 0, 0, $"(this is the version {where}, which judges the change; commit a fixed one, with --no-verify if this hook refuses it)"));
        throw new ConfigException(errors);
    }

    private static Baseline ParseBaseline(string path, string text)
    {
        try { return Baseline.Parse(text); }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConfigException([new ConfigError(path, 0, 0, "unreadable baseline: " + e.Message + "; recreate it with `hookguard baseline create`")]);
        }
    }

    /// <summary>Reads a repository-relative file from the origin: never through a link, never past a size.</summary>
    private sealed class FileReader
    {
        public const string InWorkingTree = "in the working tree";

        private readonly Repository? _repo;
        private readonly string _root;
        private readonly PolicyOrigin.Kinds _kind;
        private readonly string? _commit;

        private FileReader(Repository? repo, string root, PolicyOrigin.Kinds kind, string? commit, string where)
        {
            (_repo, _root, _kind, _commit, Where) = (repo, root, kind, commit, where);
        }

        public string Where { get; }

        public static FileReader For(Repository? repo, string root, PolicyOrigin origin)
        {
            if (origin.Kind == PolicyOrigin.Kinds.WorkingTree || repo is null) return new(repo, root, PolicyOrigin.Kinds.WorkingTree, null, InWorkingTree);
            if (origin.Kind == PolicyOrigin.Kinds.Index) return new(repo, root, PolicyOrigin.Kinds.Index, null, "staged");
            var revision = origin.Revision ?? "HEAD";
            var commit = RevisionFiles.ResolveCommit(repo, revision);
            if (commit is null)
            {
                if (origin.Kind == PolicyOrigin.Kinds.HeadOrIndex) return new(repo, root, PolicyOrigin.Kinds.Index, null, "staged (the first commit)");
                if (revision != "HEAD") throw new ScanRequestException($"'{revision}' names no commit here; the configuration is read from a commit");
            }
            return new(repo, root, PolicyOrigin.Kinds.Commit, commit, $"committed at {revision}" + (commit is null ? " (no commit yet)" : $" ({commit[..Math.Min(7, commit.Length)]})"));
        }

        public string? Read(string path, long maxBytes)
        {
            switch (_kind)
            {
                case PolicyOrigin.Kinds.WorkingTree:
                    return PolicyFile.ReadWorkingCopy(_root, path, path, maxBytes);
                case PolicyOrigin.Kinds.Commit when _commit is null:
                    return null;
            }
            var file = _kind == PolicyOrigin.Kinds.Index
                ? RevisionFiles.ReadStaged(_repo!, path, path, maxBytes)
                : RevisionFiles.Read(_repo!, _commit!, path, path, maxBytes);
            if (file is null) return null;
            if (file.IsSymbolicLink)
                throw PolicyFile.Refused(path, $"is a symbolic link ({Where}); HookGuard reads it only from a regular file");
            if (!file.IsRegular || file.Text is null)
                throw PolicyFile.Refused(path, $"is not a regular file ({Where})");
            return file.Text;
        }
    }
}
