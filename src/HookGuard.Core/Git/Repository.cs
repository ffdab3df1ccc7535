namespace HookGuard.Git;

/// <summary>The work tree the scan runs in, found the way git finds it (GIT_DIR, worktrees, subfolders).</summary>
public sealed record Repository(string Root)
{
    public static Repository Discover(string? workingDirectory = null)
    {
        using var git = GitProcess.Start(workingDirectory, ["rev-parse", "--show-toplevel"]);
        using var reader = new StreamReader(git.Output);
        var root = reader.ReadToEnd().Trim();
        if (git.WaitForExit() != 0 || root.Length == 0)
        {
            var where = workingDirectory ?? Environment.CurrentDirectory;
            var detail = git.ErrorText.Trim();
            throw new GitException($"{where} is not inside a git work tree ({detail}); run this in a repository, or use `hookguard scan PATH` for plain folders", isUsageError: true);
        }
        return new Repository(root);
    }

    /// <summary>A file's staged content (the index governs a commit), or null when it is not in the index.</summary>
    public string? ReadStaged(string relativePath) => GitProcess.Capture(Root, "show", ":" + relativePath);
}
