using HookGuard.Platform;

namespace HookGuard.Install;

internal enum HookManagerKind { GitHooks, Husky, HuskyNet, Lefthook, PreCommit }

/// <summary>
/// The tool in charge of a repository's git hooks, and the evidence for it. A manager regenerates the
/// hook files it owns, so HookGuard goes into the manager's own configuration, never into those files.
/// </summary>
internal sealed record HookManager(HookManagerKind Kind, string Name, string Evidence, string Root, string HooksDirectory)
{
    public static readonly string[] LefthookConfigs =
        ["lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml", ".config/lefthook.yml", ".config/lefthook.yaml"];
    public const string PreCommitConfig = ".pre-commit-config.yaml";
    public const string HuskyNetTaskRunner = ".husky/task-runner.json";

    /// <summary>Reads the repository's layout: core.hooksPath, then the managers' configuration files.</summary>
    public static HookManager Detect(string workingDirectory)
    {
        var root = GitProcess.Capture(workingDirectory, "rev-parse", "--show-toplevel")?.Trim();
        if (string.IsNullOrEmpty(root))
            throw new GitException($"{workingDirectory} is not inside a git repository; run this in the repository to protect", isUsageError: true);
        var hooksDirectory = HookInstaller.HooksDirectory(workingDirectory);
        var hooksPath = GitProcess.Capture(workingDirectory, "config", "--get", "core.hooksPath")?.Trim() ?? "";
        return Classify(root, hooksDirectory, hooksPath);
    }

    internal static HookManager Classify(string root, string hooksDirectory, string hooksPath)
    {
        var relative = Path.GetRelativePath(root, hooksDirectory).Replace('\\', '/').TrimEnd('/');
        if (hooksPath.Length > 0 && relative == ".husky/_")
            return new(HookManagerKind.Husky, "husky", $"core.hooksPath is {hooksPath} (husky 9 regenerates .husky/_ at every `npx husky`)", root, hooksDirectory);
        // A fresh clone has Husky.Net's files before `dotnet husky install` sets core.hooksPath.
        if (File.Exists(Path.Combine(root, HuskyNetTaskRunner)))
            return new(HookManagerKind.HuskyNet, "Husky.Net", relative == ".husky"
                ? $"core.hooksPath is {hooksPath} and {HuskyNetTaskRunner} exists"
                : $"{HuskyNetTaskRunner} exists; `dotnet husky install` points core.hooksPath at .husky", root, hooksDirectory);
        if (hooksPath.Length > 0 && relative == ".husky")
            return new(HookManagerKind.Husky, "husky", $"core.hooksPath is {hooksPath} (husky's tracked hook folder)", root, hooksDirectory);
        if (LefthookConfig(root) is { } lefthook)
            return new(HookManagerKind.Lefthook, "lefthook", $"{lefthook} exists (`lefthook install` replaces the hooks in {relative})", root, hooksDirectory);
        if (File.Exists(Path.Combine(root, PreCommitConfig)))
            return new(HookManagerKind.PreCommit, "the pre-commit framework", $"{PreCommitConfig} exists (`pre-commit install` replaces the hooks in {relative})", root, hooksDirectory);
        return new(HookManagerKind.GitHooks, "git", $"hooks folder {relative}", root, hooksDirectory);
    }

    /// <summary>The first lefthook configuration file at the root, relative to it; lefthook-local.yml alone counts too.</summary>
    public static string? LefthookConfig(string root) =>
        LefthookConfigs.Concat(["lefthook-local.yml", "lefthook-local.yaml"]).FirstOrDefault(f => File.Exists(Path.Combine(root, f)));

    /// <summary>Whether HookGuard's hooks are written straight into the hooks folder (no manager owns it).</summary>
    public bool TakesRawHooks => Kind == HookManagerKind.GitHooks;
}
