using HookGuard.Audit;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Sources;
using HookGuard.Sources.Committed;

namespace HookGuard.Scanning;

/// <summary>
/// The bypass audit's post-commit and post-merge step: `git commit --no-verify` skips pre-commit but
/// still runs post-commit, which records a commit pre-commit never passed; `git merge --no-verify`
/// skips pre-merge-commit and runs post-merge, which does the same for the merge commit. cherry-pick,
/// revert and rebase run no pre-commit at all: their commits are labelled so (a rebase's only when they
/// add a secret, or each replayed commit would bury the real bypasses). The commit is judged by the
/// configuration committed before it, never by one it brings itself.
/// </summary>
internal static class BypassAudit
{
    /// <summary>The commits recorded in this repository, oldest first.</summary>
    public static IReadOnlyList<BypassEntry> Entries() => new BypassLog(Repository.Discover()).Entries();

    /// <summary>A commit recorded as made without the pre-commit scan, how, and what it adds.</summary>
    public sealed record Recorded(CommitInfo Commit, string How, ScanRunner.Result Scan);

    /// <param name="configPath">--config: a file replacing the repository's configuration.</param>
    /// <param name="asPostMerge">Run as post-merge (a merge commit just made), not post-commit.</param>
    /// <returns>The record made; null when pre-commit passed exactly this change or there is nothing to record.</returns>
    public static Recorded? RecordHead(string? configPath, bool asPostMerge)
    {
        var repo = Repository.Find();
        var log = new BypassLog(repo);
        log.FollowAmend();
        var rebasing = Directory.Exists(Path.Combine(repo.GitDir, "rebase-merge")) || Directory.Exists(Path.Combine(repo.GitDir, "rebase-apply"));
        // Every ordinary commit: pre-commit passed exactly this change. The change's summary says so, read
        // in-process where it can be (no git started), else from git --raw (which reads no content); should
        // it differ, the patch's hash. None of them loads rules or scans.
        var passed = log.ConsumeMark();
        if (passed is not null && HeadChange.TryRead(repo) is { } headChange && headChange.Matches(passed.Summary)) return null;
        if (CommittedChange.OfHead(repo) is not { } change) return null; // nothing committed after all
        var (commit, baseRev, summary) = change;
        // post-merge also follows fast-forwards, squashes and pulls that made no merge commit here.
        if (asPostMerge && !IsMergeJustMade(change)) return null;
        if (passed is not null)
        {
            if (summary.Matches(passed.Summary)) return null;
            // No patch hash: pre-commit read the change itself, and its summary is all there is to compare.
            if (passed.Patch.Length > 0)
            {
                using var hashed = GitDiff.Between(repo, baseRev, commit.Sha, hash: true);
                if (hashed.ReadHash() == passed.Patch) return null;
            }
        }

        using var diff = GitDiff.Between(repo, baseRev, commit.Sha);
        var ctx = RepoContext.Load(configPath, repo, baseRev == GitDiff.EmptyTree ? PolicyOrigin.Index : PolicyOrigin.Commit(baseRev));
        var source = new DiffSource(diff)
        {
            BinarySpecs = (path, _) => ($"{commit.Sha}:{path}", $"{baseRev}:{path}"),
        };
        var result = ScanRunner.Run(ctx, source);
        var how = HowMade(change.ReflogMessage, rebasing, asPostMerge);
        // A rebase replays commits pre-commit saw before: only a replay that adds a secret is worth a record.
        if (how == "rebase" && result.Policy.Blocking.Count == 0) return null;
        log.Record(BypassLog.Entry(commit, result.Policy.Blocking, how));
        return new Recorded(commit, how, result);
    }

    /// <summary>A merge commit this merge or pull just made ("merge topic: Merge made by the 'ort' strategy."), not a fast-forward.</summary>
    private static bool IsMergeJustMade(CommittedChange change) =>
        change.IsMerge && (change.ReflogMessage.StartsWith("merge", StringComparison.Ordinal) || change.ReflogMessage.StartsWith("pull", StringComparison.Ordinal))
        && !change.ReflogMessage.Contains("Fast-forward", StringComparison.Ordinal);

    /// <summary>How a commit pre-commit never passed was made, from HEAD's reflog message (or GIT_REFLOG_ACTION without a reflog).</summary>
    private static string HowMade(string reflogMessage, bool rebasing, bool asPostMerge)
    {
        var action = reflogMessage.Length > 0 ? reflogMessage : Environment.GetEnvironmentVariable("GIT_REFLOG_ACTION") ?? "";
        if (rebasing || action.StartsWith("rebase", StringComparison.Ordinal)) return "rebase";
        if (action.StartsWith("cherry-pick", StringComparison.Ordinal)) return "cherry-pick";
        if (action.StartsWith("revert", StringComparison.Ordinal)) return "revert";
        return asPostMerge ? "merge --no-verify" : "--no-verify";
    }
}
