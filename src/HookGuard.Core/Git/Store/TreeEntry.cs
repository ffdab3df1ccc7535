namespace HookGuard.Git.Store;

/// <summary>One entry of a tree object: "MODE NAME\0" and 20 id bytes, MODE in octal.</summary>
internal readonly record struct TreeEntry(int Mode, byte[] Name, byte[] Id)
{
    /// <summary>A tree's entries in their stored order; null for a malformed tree.</summary>
    public static List<TreeEntry>? Parse(ReadOnlySpan<byte> tree)
    {
        var entries = new List<TreeEntry>();
        while (!tree.IsEmpty)
        {
            var space = tree.IndexOf((byte)' ');
            if (space <= 0 || !EntryMode.TryParseOctal(tree[..space], out var mode)) return null;
            tree = tree[(space + 1)..];
            var end = tree.IndexOf((byte)0);
            if (end <= 0 || end + 1 + ObjectId.Length > tree.Length) return null;
            entries.Add(new TreeEntry(mode, tree[..end].ToArray(), tree.Slice(end + 1, ObjectId.Length).ToArray()));
            tree = tree[(end + 1 + ObjectId.Length)..];
        }
        return entries;
    }
}
