namespace HookGuard.Git;

/// <summary>The added lines of the index against HEAD (against nothing before the first commit).</summary>
public static class StagedChanges
{
    public static void Read(Repository repo, IPatchSink sink)
    {
        using var git = GitProcess.Start(repo.Root, ["diff", "--cached", .. DiffArguments.Patch]);
        new PatchReader(sink).Read(git.Output);
        git.EnsureSuccess("git diff --cached");
    }
}
