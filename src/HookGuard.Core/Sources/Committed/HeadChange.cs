using System.Text;
using HookGuard.GitStore;

namespace HookGuard.Sources.Committed;

/// <summary>
/// The <see cref="ChangeSummary"/> of the commit just made, read without starting git, for post-commit's
/// common case: a commit that is the change pre-commit passed. HEAD's newest reflog entry is the commit
/// and says whether it amended another (the base is then the commit it replaced, else its first parent,
/// as <see cref="CommittedChange.OfHead"/> asks git); the two trees are compared, folders with the same
/// id unread. No rename detection: a renamed file is listed as added where git's summary pairs it, so
/// the summaries can only fail to match, and then git settles it. Null wherever git's reading could
/// differ (<see cref="InProcessReadGate.RepositoryRefusal"/>, grafts, a shallow clone) or anything is unreadable.
/// </summary>
internal static class HeadChange
{
    public static ChangeSummary? TryRead(Repository repo)
    {
        try { return Read(repo); }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { return null; }
    }

    private static ChangeSummary? Read(Repository repo)
    {
        var gitDir = repo.GitDir;
        var refusal = InProcessReadGate.RepositoryRefusal(repo)
            ?? (File.Exists(Path.Combine(gitDir, "info", "grafts")) ? "info/grafts rewrites history"
            : File.Exists(Path.Combine(gitDir, "shallow")) ? "a shallow clone" : null);
        if (refusal is not null) return GiveUp(refusal);
        if (!HeadRef.TryResolve(gitDir, out var head) || head is null) return GiveUp("HEAD does not resolve in-process");
        if (ReflogEntry.NewestOfHead(gitDir) is not { } newest || !newest.New.AsSpan().SequenceEqual(head))
            return GiveUp("HEAD's reflog does not end at HEAD");

        using var objects = new ObjectDatabase(Path.Combine(gitDir, "objects"));
        if (CommitHeader.Read(objects, head) is not { } commit) return GiveUp("HEAD's commit cannot be read in-process");
        var baseCommit = newest.Message.StartsWith("commit (amend)", StringComparison.Ordinal) ? newest.Old : commit.FirstParent;
        byte[]? baseTree = null; // a root commit's base: nothing
        if (baseCommit is not null)
        {
            if (CommitHeader.Read(objects, baseCommit) is not { } baseHeader) return GiveUp("the parent commit cannot be read in-process");
            baseTree = baseHeader.Tree;
        }

        var summary = new ChangeSummary();
        return new TreeComparison(objects, summary).Compare(baseTree, commit.Tree, []) ? summary : GiveUp("a tree cannot be read in-process");
    }

    private static ChangeSummary? GiveUp(string reason)
    {
        GitFallback.Note("commit summary: " + reason);
        return null;
    }

    /// <summary>Two trees walked side by side in git's tree order; every path whose new version differs goes into the summary.</summary>
    private sealed class TreeComparison(ObjectDatabase objects, ChangeSummary summary)
    {
        private static readonly string NoId = new('0', 2 * ObjectId.Length);

        /// <summary>The trees under a folder (path prefix, '/' included); null old: added whole. False when a tree cannot be read.</summary>
        public bool Compare(byte[]? oldTree, byte[] newTree, byte[] prefix)
        {
            if (oldTree is not null && oldTree.AsSpan().SequenceEqual(newTree)) return true;
            var oldContent = oldTree is null ? [] : ReadTree(oldTree);
            if (oldContent is null || ReadTree(newTree) is not { } newContent) return false;
            var before = new TreeEntries(oldContent);
            var after = new TreeEntries(newContent);
            var hasBefore = before.MoveNext();
            var hasAfter = after.MoveNext();
            while (hasAfter)
            {
                var order = hasBefore ? TreeOrder(before.Name, before.Mode, after.Name, after.Mode) : 1;
                if (order < 0) // only in the old tree: deleted, not listed
                {
                    hasBefore = before.MoveNext();
                    continue;
                }
                var sameEntry = order == 0;
                if (!Entry(sameEntry ? before : default, sameEntry, after, prefix)) return false;
                if (sameEntry) hasBefore = before.MoveNext();
                hasAfter = after.MoveNext();
            }
            return !before.Malformed && !after.Malformed;
        }

        /// <summary>A new tree's entry against the old one at the same name (when there is one, of the same kind).</summary>
        private bool Entry(TreeEntries before, bool hasBefore, TreeEntries after, byte[] prefix)
        {
            byte[] path = [.. prefix, .. after.Name];
            if (EntryMode.IsDirectory(after.Mode))
                return Compare(hasBefore ? before.Id.ToArray() : null, after.Id.ToArray(), [.. path, (byte)'/']);
            // Files, symlinks and submodule commits alike, as `git diff --raw` lists them; the summary skips an unchanged id.
            summary.Add(Encoding.UTF8.GetString(path), hasBefore ? ObjectId.ToHex(before.Id) : NoId, ObjectId.ToHex(after.Id));
            return true;
        }

        private byte[]? ReadTree(byte[] id) => objects.Read(id) is { Kind: GitObjectKind.Tree, Content: var content } ? content : null;

        /// <summary>git's base_name_compare: names compared as bytes, a folder's as if it ended in '/'.</summary>
        private static int TreeOrder(ReadOnlySpan<byte> a, int aMode, ReadOnlySpan<byte> b, int bMode)
        {
            var common = Math.Min(a.Length, b.Length);
            var order = a[..common].SequenceCompareTo(b[..common]);
            if (order != 0) return order;
            int Next(ReadOnlySpan<byte> name, int mode) => name.Length > common ? name[common] : EntryMode.IsDirectory(mode) ? '/' : 0;
            return Next(a, aMode).CompareTo(Next(b, bMode));
        }
    }
}
