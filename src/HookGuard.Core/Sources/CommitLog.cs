using HookGuard.GitStore;
using HookGuard.Platform;
namespace HookGuard.Sources;

/// <summary>
/// The added lines of many commits from one streaming `git log -p`, oldest first so that a secret is
/// reported with the commit that introduced it. Each commit is diffed against its first parent; a
/// merge shows only what its resolution changed (remerge diff).
/// </summary>
internal static class CommitLog
{
    public static void Read(Repository repo, IReadOnlyList<string> revisions, IPatchSink sink)
    {
        string[] args =
        [
            "log", "-p", "--reverse", "--topo-order", "--root", "--remerge-diff", "--no-mailmap",
            "--format=" + PatchReader.LogFormat, .. DiffArguments.Patch, .. revisions, "--",
        ];
        using var git = GitProcess.Start(repo.Root, args);
        new PatchReader(sink).Read(git.Output);
        git.EnsureSuccess("git log");
    }

    /// <summary>How many commits the revisions select, for a progress display; null when git cannot say.</summary>
    public static int? Count(Repository repo, IReadOnlyList<string> revisions) =>
        int.TryParse(GitProcess.Capture(repo.Root, ["rev-list", "--count", .. revisions, "--"])?.Trim(), out var n) ? n : null;
}
