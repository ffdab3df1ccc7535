using HookGuard.Audit;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Sources;

namespace HookGuard.Scanning;

/// <summary>What a `scan` command asks for, parsed and checked for usage by the CLI.</summary>
/// <param name="Hook">The git hook the scan runs as; null by hand.</param>
/// <param name="PatchFromStdin">With <see cref="ScanMode.Staged"/>: the installed hook pipes git's staged diff in.</param>
/// <param name="ConfigPath">--config: a file replacing the repository's configuration.</param>
/// <param name="ConfigFrom">--config-from: the revision whose policy files judge the scan.</param>
/// <param name="Range">With <see cref="ScanMode.Range"/>: A..B.</param>
/// <param name="PushRemote">With <see cref="ScanMode.PrePush"/>: the remote's name (refs come on stdin).</param>
internal sealed record ScanRequest(
    ScanMode Mode, string? Hook = null, bool PatchFromStdin = false, string? ConfigPath = null, string? ConfigFrom = null,
    string? Range = null, string? PushRemote = null)
{
    /// <summary>As the pre-commit or pre-merge-commit hook: the patch is hashed and a clean scan leaves its mark for post-commit.</summary>
    public bool AsCommitHook => Hook is "pre-commit" or "pre-merge-commit";
}

/// <summary>
/// One scan from request to result: the source is started first (git produces the staged diff while
/// the repository and its configuration load), then the policy is loaded by the trust rule, then the
/// matcher and policy run. The CLI parses before and prints after; it never opens a source itself.
/// </summary>
internal sealed class ScanSession : IDisposable
{
    /// <summary>The line the installed hook writes after git's patch (see <see cref="CompletedPatchStream"/>).</summary>
    public const string PatchEndMarker = CompletedPatchStream.MarkerLine;

    private readonly ScanRequest _request;
    private readonly GitDiff? _staged;
    private readonly PushInput? _push;

    private ScanSession(ScanRequest request, Repository? repo, GitDiff? staged, PushInput? push) =>
        (_request, Repository, _staged, _push) = (request, repo, staged, push);

    /// <summary>The repository scanned; null for files outside any repository.</summary>
    public Repository? Repository { get; }

    /// <summary>Starts the request's source; a repository or git it needs and cannot find is a <see cref="GitException"/>.</summary>
    public static ScanSession Open(ScanRequest request)
    {
        // The repository found once, without git where git's own rules settle it: the staged read and the context share it.
        var settled = request.Mode == ScanMode.Staged ? Repository.FindWithoutGit(Environment.CurrentDirectory) : null;
        var staged = request.Mode != ScanMode.Staged ? null
            : request.PatchFromStdin ? GitDiff.StagedFromPipe(PacedPipeStream.StandardInput(), hash: request.AsCommitHook)
            : GitDiff.Staged(settled, hash: request.AsCommitHook);
        try
        {
            var repo = settled ?? RepoContext.FindRepository(needsGit: request.Mode != ScanMode.Files || request.ConfigFrom is not null);
            var push = request.Mode == ScanMode.PrePush ? PushInput.Read(request.PushRemote!) : null;
            return new ScanSession(request, repo, staged, push);
        }
        catch
        {
            staged?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The trust rule: the configuration that judges the scan (a configuration judges the changes after
    /// it, never the change that brings it), the change's own version to compare it with, and the words
    /// for where that change is ("in this commit").
    /// </summary>
    public (PolicyOrigin Trusted, PolicyOrigin? Proposed, string Where) PolicyOrigins()
    {
        var (trusted, proposed, where) = _request.Mode switch
        {
            // By hand (no --hook) a staged scan previews what the staged policy would do; the hook never does.
            ScanMode.Staged when _request.Hook is null => (PolicyOrigin.Index, null, ""),
            ScanMode.Staged => (PolicyOrigin.HeadOrIndex, PolicyOrigin.Index, "in this commit"),
            ScanMode.Range => (PolicyOrigin.Commit(PolicyBases.OfRange(Repository!, _request.Range!)), PolicyOrigin.Commit(PolicyBases.RangeTip(_request.Range!)), "in this range"),
            ScanMode.PrePush => (PolicyOrigin.Commit(PolicyBases.OfPush(Repository!, _push!)), PolicyBases.PushTip(_push!) is { } tip ? PolicyOrigin.Commit(tip) : null, "in this push"),
            ScanMode.History => (PolicyOrigin.Commit("HEAD"), (PolicyOrigin?)null, ""),
            _ => (PolicyOrigin.WorkingTree, null, ""),
        };
        return (_request.ConfigFrom is { } from ? PolicyOrigin.Commit(from) : trusted, proposed, where);
    }

    /// <summary>The configuration, rules and baseline that judge this scan.</summary>
    public RepoContext LoadContext(PolicyOrigin trusted) => RepoContext.Load(_request.ConfigPath, Repository, trusted);

    /// <param name="paths">With <see cref="ScanMode.Files"/>: what to scan (none: the current folder).</param>
    public ScanRunner.Result Run(RepoContext ctx, IReadOnlyList<string> paths, bool allOccurrences, bool showProgress)
    {
        ScanSource source = _request.Mode switch
        {
            ScanMode.Files => new PathsSource(paths.Count > 0 ? paths : ["."]),
            ScanMode.Staged => new DiffSource(_staged!),
            ScanMode.Range => new CommitsSource([_request.Range!]),
            ScanMode.History => new CommitsSource(["--all"]),
            _ => new CommitsSource(_push!.Revisions),
        };
        var result = ScanRunner.Run(ctx, source, allOccurrences, showProgress);
        if (_push is { Updates: null, FromTo: null }) result.Stats.Warnings.Insert(0, PushedCommits.FallbackWarning(_push.Remote));
        return result;
    }

    /// <summary>After a clean scan as the commit hook: the mark post-commit tells a scanned commit from a bypass by.</summary>
    public void MarkScanned(RepoContext ctx)
    {
        if (_request.AsCommitHook && _staged is { SummaryMark: { } summary })
            new BypassLog(ctx.Repository!).MarkScanned(new ScanMark(summary, _staged.PatchHash ?? ""));
    }

    public void Dispose() => _staged?.Dispose();
}
