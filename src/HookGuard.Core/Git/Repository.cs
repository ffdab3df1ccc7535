namespace HookGuard.Git;

/// <summary>
/// The work tree the scan runs in and its git directory (per worktree), found the way git finds them
/// (GIT_DIR, linked worktrees, subfolders).
/// </summary>
public sealed record Repository(string Root, string GitDir)
{
    /// <summary>
    /// Inside a hook git has found both already: it runs hooks at the top of the work tree, and exports
    /// GIT_DIR wherever the git directory is not `.git` there (linked worktrees, --git-dir). Reading them
    /// saves a git process per commit; anything else (a `.git` file, a bare repository) asks git.
    /// </summary>
    public static Repository InHook()
    {
        var root = Environment.CurrentDirectory;
        var gitDir = Environment.GetEnvironmentVariable("GIT_DIR") is { Length: > 0 } fromGit
            ? Path.GetFullPath(fromGit, root)
            : Path.Combine(root, ".git");
        var unusual = Environment.GetEnvironmentVariable("GIT_WORK_TREE") is { Length: > 0 } || Path.TrimEndingDirectorySeparator(gitDir) == root;
        return Directory.Exists(gitDir) && !unusual
            ? new Repository(root, gitDir)
            : Discover();
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
