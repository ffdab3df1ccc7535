using System.Text;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Platform;

namespace HookGuard.Sources;

/// <summary>
/// The commit just made (HEAD), the version pre-commit checked it against (its first parent, or, for an
/// amend, the commit it replaced) and the <see cref="ChangeSummary"/> of the change between them.
/// </summary>
internal sealed record CommittedChange(CommitInfo Commit, string Base, ChangeSummary Summary)
{
    /// <summary>HEAD's newest reflog message ("commit: ...", "cherry-pick: ...", "merge topic: Merge made by ..."); "" without a reflog.</summary>
    public string ReflogMessage { get; init; } = "";

    /// <summary>A commit with more than one parent.</summary>
    public bool IsMerge { get; init; }

    /// <summary>
    /// One git process: HEAD's newest reflog entry is the commit just made and says whether it was an
    /// amend, and --raw lists its change against its first parent (an amend's takes a second). Without a
    /// reflog (core.logAllRefUpdates=false) HEAD's own log, and no amend known. Null before any commit.
    /// </summary>
    public static CommittedChange? OfHead(Repository repo)
    {
        string[] log = ["-1", "--root", "--diff-merges=first-parent", "--no-mailmap", "--format=%H%x1f%an <%ae>%x1f%s%x1f%P%x1f%gs", .. DiffArguments.Raw, "HEAD"];
        var output = GitProcess.CaptureBytes(repo.Root, ["log", "--walk-reflogs", .. log]) is { Length: > 0 } fromReflog
            ? fromReflog
            : GitProcess.CaptureBytes(repo.Root, ["log", .. log]);
        if (output is null) return null;
        // -z: the format line ends with NUL, then a newline and the --raw records.
        var end = output.AsSpan().IndexOf((byte)0);
        var header = Encoding.UTF8.GetString(end < 0 ? output : output.AsSpan(0, end)).TrimEnd('\n');
        if (header.Split('\u001f') is not [var sha, var author, var subject, var parentList, var reflogSubject]) return null;
        ReadOnlySpan<byte> raw = end < 0 ? [] : output.AsSpan(end + 1).TrimStart((byte)'\n');
        var commit = new CommitInfo(sha, author, subject);
        if (reflogSubject.StartsWith("commit (amend)", StringComparison.Ordinal))
        {
            const string replaced = "HEAD@{1}";
            raw = GitProcess.CaptureBytes(repo.Root, ["diff", .. DiffArguments.Raw, replaced, sha]) ?? [];
            return new CommittedChange(commit, replaced, ChangeSummary.FromRaw(raw)) { ReflogMessage = reflogSubject };
        }
        var parents = parentList.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new CommittedChange(commit, parents.Length > 0 ? parents[0] : GitDiff.EmptyTree, ChangeSummary.FromRaw(raw))
        {
            ReflogMessage = reflogSubject,
            IsMerge = parents.Length > 1,
        };
    }
}
