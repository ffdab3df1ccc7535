namespace HookGuard.Git;

/// <summary>
/// The added lines of the index against HEAD (against nothing before the first commit). The diff is
/// started before anything else, so that git produces it while the configuration is being loaded.
/// </summary>
public sealed class StagedChanges : IDisposable
{
    private readonly GitProcess _git;

    private StagedChanges(GitProcess git) => _git = git;

    /// <summary>Starts `git diff --cached`; paths are repository-relative from any subfolder (--no-relative).</summary>
    public static StagedChanges Start(string? workingDirectory = null) =>
        new(GitProcess.Start(workingDirectory, ["diff", "--cached", .. DiffArguments.Patch]));

    public void Read(IPatchSink sink)
    {
        new PatchReader(sink).Read(_git.Output);
        _git.EnsureSuccess("git diff --cached");
    }

    public void Dispose() => _git.Dispose();
}
