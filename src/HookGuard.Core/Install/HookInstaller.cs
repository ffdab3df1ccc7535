using HookGuard.Platform;
using HookGuard.Sources;

namespace HookGuard.Install;

/// <summary>What install or uninstall did to one hook file, for the user to read.</summary>
internal sealed record HookChange(string Hook, string Path, string What);

/// <summary>
/// Writes HookGuard's hooks into the repository's effective hooks folder (core.hooksPath honoured,
/// shared by linked worktrees). A hook that was there already is kept working by chaining it, and
/// uninstall puts it back exactly.
/// </summary>
internal sealed class HookInstaller
{
    public const string Marker = "hookguard-managed";
    public const string ChainedSuffix = ".hookguard-chained";
    public static readonly string[] DefaultHooks = ["pre-commit", "pre-merge-commit", "pre-push", "post-commit", "post-merge"];

    private const string StagedScan = "scan --staged";

    private static readonly Dictionary<string, (string Scan, string Verb)> Hooks = new()
    {
        ["pre-commit"] = (StagedScan, "commit"),
        // A conflict-free merge runs pre-merge-commit, not pre-commit.
        ["pre-merge-commit"] = (StagedScan, "merge"),
        ["pre-push"] = ("scan --pre-push \"$hook_arg1\" \"$hook_arg2\"", "push"),
        // `--no-verify` skips pre-commit but not post-commit: the bypass audit.
        ["post-commit"] = ("audit record", "commit"),
        // `git merge --no-verify` skips pre-merge-commit and runs no post-commit: post-merge records it.
        ["post-merge"] = ("audit record", "merge"),
    };

    private readonly string _hooksDir;
    private readonly string _command;
    private readonly string _commandArgs;
    private readonly bool _pipeStagedDiff;

    /// <param name="command">The scanner to call, resolved (a native binary, not `dotnet tool run`, which would start the .NET host on every commit).</param>
    /// <param name="commandArgs">Leading arguments, for a framework-dependent build run through `dotnet exec`.</param>
    /// <param name="pipeStagedDiff">
    /// Whether the staged hooks pipe git's diff into the scanner. Where the scanner starts git cheaply
    /// itself (posix_spawn, on Linux) it does, and the hook is a subshell and a fork lighter; elsewhere
    /// git runs while the scanner starts, instead of through .NET's Process after it.
    /// </param>
    public HookInstaller(string hooksDir, string command, string commandArgs = "", bool? pipeStagedDiff = null)
    {
        _hooksDir = hooksDir;
        _command = command;
        _commandArgs = commandArgs;
        _pipeStagedDiff = pipeStagedDiff ?? !SpawnedProcess.IsSupported;
    }

    public static IReadOnlyCollection<string> KnownHooks => Hooks.Keys;

    /// <summary>`git rev-parse --git-path hooks`: core.hooksPath when set, else the common git dir's hooks.</summary>
    public static string HooksDirectory(string workingDirectory)
    {
        var path = GitProcess.Capture(workingDirectory, "rev-parse", "--git-path", "hooks")?.Trim();
        if (string.IsNullOrEmpty(path))
            throw new GitException($"{workingDirectory} is not inside a git repository; run `hookguard install` in the repository to protect", isUsageError: true);
        return Path.GetFullPath(Path.Combine(workingDirectory, path));
    }

    public List<HookChange> Install(IEnumerable<string> hooks)
    {
        Directory.CreateDirectory(_hooksDir);
        var changes = new List<HookChange>();
        foreach (var hook in hooks)
        {
            var path = Path.Combine(_hooksDir, hook);
            var chained = path + ChainedSuffix;
            var script = Script(hook);
            if (File.Exists(path) && !IsOurs(path))
            {
                if (File.Exists(chained))
                    throw new IOException($"{path} is not HookGuard's and {chained} exists already; move one of them aside and run install again");
                File.Move(path, chained);
                changes.Add(new HookChange(hook, path, $"kept the existing hook; it now runs first as {Path.GetFileName(chained)}"));
            }
            else if (File.Exists(path) && File.ReadAllText(path) == script)
            {
                changes.Add(new HookChange(hook, path, "already installed"));
                continue;
            }
            ExecutableScript.Write(path, script);
            changes.Add(new HookChange(hook, path, "installed"));
        }
        return changes;
    }

    public List<HookChange> Uninstall(IEnumerable<string> hooks)
    {
        var changes = new List<HookChange>();
        foreach (var hook in hooks)
        {
            var path = Path.Combine(_hooksDir, hook);
            var chained = path + ChainedSuffix;
            if (File.Exists(path) && IsOurs(path))
            {
                File.Delete(path);
                changes.Add(new HookChange(hook, path, "removed"));
            }
            if (File.Exists(chained) && !File.Exists(path))
            {
                File.Move(chained, path);
                changes.Add(new HookChange(hook, path, "restored the hook HookGuard had chained"));
            }
        }
        return changes;
    }

    public static bool IsOurs(string path)
    {
        using var reader = new StreamReader(path);
        for (var i = 0; i < 3 && reader.ReadLine() is { } line; i++)
            if (line.Contains(Marker, StringComparison.Ordinal)) return true;
        return false;
    }

    private string Script(string hook)
    {
        if (!Hooks.TryGetValue(hook, out var spec))
            throw new ArgumentException($"unknown hook '{hook}' (known: {string.Join(", ", Hooks.Keys)})");
        using var stream = typeof(HookInstaller).Assembly.GetManifestResourceStream("hooks/hookguard-hook.sh")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("@HOOK@", hook, StringComparison.Ordinal)
            .Replace("@EXE@", ShellQuote(_command), StringComparison.Ordinal)
            .Replace("@ARGS@", _commandArgs, StringComparison.Ordinal)
            .Replace("@RUN@", Run(hook, spec.Scan), StringComparison.Ordinal)
            .Replace("@VERB@", spec.Verb, StringComparison.Ordinal);
    }

    /// <summary>
    /// The scan command line. A piped staged scan gets git's diff then a completion line written only on
    /// success, which keeps a failed diff from passing.
    /// </summary>
    private string Run(string hook, string scan)
    {
        if (scan != StagedScan || !_pipeStagedDiff) return $"\"$hookguard\" \"$@\" {scan} --hook {hook}";
        var command = $"\"$hookguard\" \"$@\" {scan} --patch-stdin --hook {hook}";
        var diff = string.Join(' ', GitDiff.StagedCommandLine.Select(ShellQuote));
        return $"{{ GIT_PAGER=cat git {diff} && echo {ShellQuote(CompletedPatchStream.MarkerLine)}; }} | {command}";
    }

    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
