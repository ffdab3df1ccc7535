using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Sources;

namespace HookGuard.Scanning;

/// <summary>
/// The commit whose `.hookguard.yaml` and baseline judge a range or a push: the base of what is
/// scanned, which the scanned commits cannot have changed (docs/DESIGN.md, the trust rule).
/// </summary>
internal static class PolicyBases
{
    /// <summary>A..B and A...B: the merge base of A and B (where B's commits start); A itself when they share none.</summary>
    public static string OfRange(Repository repo, string range)
    {
        var (from, to) = Split(range);
        return MergeBase(repo, from, to) ?? from;
    }

    public static string RangeTip(string range) => Split(range).To;

    /// <summary>
    /// The remote's old tip of the first updated ref this clone has; for a new ref, the newest commit
    /// the pushed commits build on that the remote already has; when the remote has none of them, HEAD.
    /// </summary>
    public static string OfPush(Repository repo, PushInput push)
    {
        if (push.Updates is { } updates)
        {
            foreach (var update in updates.Where(u => !u.IsDeletion && !u.IsNewRef))
                if (RevisionFiles.ResolveCommit(repo, update.RemoteSha) is { } known) return known;
            var tip = updates.FirstOrDefault(u => !u.IsDeletion)?.LocalSha;
            return tip is null ? "HEAD" : Boundary(repo, tip, push.Remote) ?? "HEAD";
        }
        if (push.FromTo is var (from, to)) return MergeBase(repo, from, to) ?? from;
        return Boundary(repo, "HEAD", push.Remote) ?? "HEAD";
    }

    /// <summary>The pushed commit whose policy files are reported as what the push brings.</summary>
    public static string? PushTip(PushInput push) =>
        push.Updates is { } updates ? updates.FirstOrDefault(u => !u.IsDeletion)?.LocalSha
        : push.FromTo is var (_, to) ? to
        : "HEAD";

    private static (string From, string To) Split(string range)
    {
        var symmetric = range.IndexOf("...", StringComparison.Ordinal);
        var (at, length) = symmetric >= 0 ? (symmetric, 3) : (range.IndexOf("..", StringComparison.Ordinal), 2);
        var (from, to) = (range[..at], range[(at + length)..]);
        return (from.Length == 0 ? "HEAD" : from, to.Length == 0 ? "HEAD" : to);
    }

    private static string? MergeBase(Repository repo, string a, string b) =>
        GitProcess.Capture(repo.Root, "merge-base", "--end-of-options", a, b)?.Trim() is { Length: > 0 } id ? id : null;

    /// <summary>The first boundary commit of tip's commits the remote lacks: a parent the remote has.</summary>
    private static string? Boundary(Repository repo, string tip, string remote)
    {
        var output = GitProcess.Capture(repo.Root, "rev-list", "--boundary", tip, "--not", "--remotes=" + remote) ?? "";
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (line.StartsWith('-')) return line[1..].Trim();
        return null;
    }
}
