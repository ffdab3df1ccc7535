using HookGuard.Platform;
namespace HookGuard.GitStore;

/// <summary>
/// The work tree the scan runs in and its git directory (per worktree), found the way git finds them
/// (GIT_DIR, linked worktrees, subfolders).
/// </summary>
internal sealed record Repository(string Root, string GitDir)
{
    /// <summary>
    /// The repository of the current directory, without a git process where git's own rules settle it:
    /// GIT_DIR set (git then takes the current directory as the work tree's top), or a `.git` folder
    /// here (hooks run at the top of the work tree; so do hook managers and most scans). A git process
    /// is a large share of a hook's time. Anything else (a subfolder, a `.git` file, GIT_WORK_TREE, a configuration that
    /// moves the work tree or makes the repository bare) asks git.
    /// </summary>
    public static Repository Find() => Find(Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("GIT_DIR"), Environment.GetEnvironmentVariable("GIT_WORK_TREE"), Discover);

    /// <param name="askGit">Where git's rules do not settle it here: <see cref="Discover"/> (tests count the calls).</param>
    internal static Repository Find(string workingDirectory, string? gitDirVariable, string? workTreeVariable, Func<string, Repository> askGit) =>
        Settled(workingDirectory, gitDirVariable, workTreeVariable) ?? askGit(workingDirectory);

    /// <summary>The repository of a folder where git's own rules settle it without asking git (see <see cref="Find()"/>); null elsewhere.</summary>
    public static Repository? FindWithoutGit(string workingDirectory) =>
        Settled(workingDirectory, Environment.GetEnvironmentVariable("GIT_DIR"), Environment.GetEnvironmentVariable("GIT_WORK_TREE"));

    private static Repository? Settled(string workingDirectory, string? gitDirVariable, string? workTreeVariable)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
        var gitDir = string.IsNullOrEmpty(gitDirVariable) ? Path.Combine(root, ".git") : Path.GetFullPath(gitDirVariable, root);
        var settled = string.IsNullOrEmpty(workTreeVariable) && Path.TrimEndingDirectorySeparator(gitDir) != root
            && Directory.Exists(gitDir) && !ConfigMovesWorkTree(Path.Combine(gitDir, "config"));
        return settled ? new Repository(root, gitDir) : null;
    }

    /// <summary>core.worktree, core.bare other than false, or an include that might set either: git must be asked.</summary>
    private static bool ConfigMovesWorkTree(string configPath)
    {
        byte[] config;
        try { config = File.ReadAllBytes(configPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
        ReadOnlySpan<byte> text = ConfigBytes.Compact(config);
        if (text.IndexOf("worktree"u8) >= 0 || text.IndexOf("include"u8) >= 0) return true;
        while (text.IndexOf("bare="u8) is var at and >= 0)
        {
            text = text[(at + "bare=".Length)..];
            if (!text.StartsWith("false"u8)) return true;
        }
        return false;
    }

    public static Repository Discover(string? workingDirectory = null)
    {
        // One process for both: a hook pays for every spawn.
        using var git = GitProcess.Start(workingDirectory, ["rev-parse", "--show-toplevel", "--absolute-git-dir"]);
        using var reader = new StreamReader(git.Output);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (git.WaitForExit() != 0 || lines.Length != 2)
        {
            var where = workingDirectory ?? Environment.CurrentDirectory;
            var detail = git.ErrorText.Trim();
            throw new GitException($"{where} is not inside a git work tree ({detail}); run this in a repository, or use `hookguard scan PATH` for plain folders", isUsageError: true);
        }
        return new Repository(lines[0], lines[1]);
    }

    /// <summary>The files git tracks, as in the working tree (what a baseline or an audit should read, not ignored build output).</summary>
    public IReadOnlyList<string> TrackedFiles() => Split0(Capture("ls-files", "-z"));

    /// <summary>Tracked files' lines holding the text: (path, 1-based line, line text).</summary>
    public IEnumerable<(string Path, int Line, string Text)> Grep(string text)
    {
        // -z: "path NUL line NUL text"; git grep exits 1 when nothing matches.
        var output = GitProcess.Capture(Root, "grep", "-z", "-n", "-I", "--full-name", "--fixed-strings", "-e", text) ?? "";
        foreach (var record in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = record.Split('\0', 3);
            if (parts.Length == 3 && int.TryParse(parts[1], out var line)) yield return (parts[0], line, parts[2]);
        }
    }

    private string Capture(params string[] arguments) =>
        GitProcess.Capture(Root, arguments) ?? throw new GitException($"git {string.Join(' ', arguments)} failed in {Root}");

    private static List<string> Split0(string text) => [.. text.Split('\0', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A file's staged content (the index governs a commit), or null when it is not in the index.</summary>
    public string? ReadStaged(string relativePath) => GitProcess.Capture(Root, "show", ":" + relativePath);
}
