using System.Text;
using HookGuard.Git.Store;

namespace HookGuard.Git.Staged;

/// <summary>
/// The index against HEAD's tree, path by path, as `git diff --cached` pairs them. Directories the
/// index's cache tree records with HEAD's own tree id are skipped unread: after `git add` of a few
/// files only their folders are walked. Null where git's output would hold more than added and
/// modified files: a deleted path next to an added one (rename detection may pair them), or an entry
/// that changed type (file, symlink, submodule).
/// </summary>
internal static class StagedChanges
{
    public static List<FileChange>? Compute(IndexFile index, ObjectDatabase objects, byte[]? headCommit)
    {
        var head = new List<(byte[] Path, int Mode, byte[] Id)>();
        var skipped = new List<byte[]>();
        if (headCommit is not null)
        {
            if (TreeOfCommit(objects, headCommit) is not { } root || !Walk(objects, index.ValidTrees, root, [], head, skipped)) return null;
        }
        if (skipped.Count == 1 && skipped[0].Length == 0) return []; // the whole index is HEAD's tree
        head.Sort(static (x, y) => x.Path.AsSpan().SequenceCompareTo(y.Path));
        skipped.Sort(static (x, y) => x.AsSpan().SequenceCompareTo(y));

        var changes = new List<FileChange>();
        bool anyAdded = false, anyDeleted = false;
        int h = 0, s = 0;
        foreach (var entry in index.Entries)
        {
            var path = entry.Path.Span;
            while (s < skipped.Count && skipped[s].AsSpan().SequenceCompareTo(path) < 0 && !path.StartsWith(skipped[s])) s++;
            if (s < skipped.Count && path.StartsWith(skipped[s])) continue;
            while (h < head.Count && head[h].Path.AsSpan().SequenceCompareTo(path) < 0)
            {
                anyDeleted = true;
                h++;
            }
            if (h < head.Count && head[h].Path.AsSpan().SequenceEqual(path))
            {
                var (_, oldMode, oldId) = head[h++];
                if (oldMode == entry.Mode && oldId.AsSpan().SequenceEqual(entry.Id.Span)) continue;
                if (!EntryMode.SameType(oldMode, entry.Mode)) return null;
                changes.Add(new FileChange(path.ToArray(), oldMode, oldId, entry.Mode, entry.Id.ToArray(), entry.Size));
            }
            else
            {
                anyAdded = true;
                changes.Add(new FileChange(path.ToArray(), 0, null, entry.Mode, entry.Id.ToArray(), entry.Size));
            }
        }
        if (h < head.Count) anyDeleted = true;
        return anyAdded && anyDeleted ? null : changes;
    }

    /// <summary>A commit starts "tree ID\n".</summary>
    private static byte[]? TreeOfCommit(ObjectDatabase objects, byte[] commit)
    {
        if (objects.Read(commit) is not { Kind: GitObjectKind.Commit, Content: var content }) return null;
        var header = "tree "u8;
        if (content.Length < header.Length + 41 || !content.AsSpan().StartsWith(header) || content[header.Length + 40] != (byte)'\n') return null;
        return ObjectId.FromHex(Encoding.ASCII.GetString(content, header.Length, 40));
    }

    /// <summary>HEAD's files under a folder ("" or "dir/"), except folders whose cache tree says they are unchanged.</summary>
    private static bool Walk(ObjectDatabase objects, Dictionary<string, byte[]> validTrees, byte[] tree, byte[] prefix,
        List<(byte[] Path, int Mode, byte[] Id)> files, List<byte[]> skipped)
    {
        var key = Encoding.Latin1.GetString(prefix.AsSpan(0, Math.Max(0, prefix.Length - 1)));
        if (validTrees.TryGetValue(key, out var cached) && cached.AsSpan().SequenceEqual(tree))
        {
            skipped.Add(prefix);
            return true;
        }
        if (objects.Read(tree) is not { Kind: GitObjectKind.Tree, Content: var content } || TreeEntry.Parse(content) is not { } entries) return false;
        foreach (var (mode, name, id) in entries)
        {
            byte[] path = [.. prefix, .. name];
            if (!EntryMode.IsDirectory(mode)) files.Add((path, mode, id));
            else if (!Walk(objects, validTrees, id, [.. path, (byte)'/'], files, skipped)) return false;
        }
        return true;
    }
}
