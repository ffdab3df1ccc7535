using System.Text;

namespace HookGuard.GitStore;

/// <summary>A commit object's tree and first parent: it starts "tree ID\n", then a "parent ID\n" line per parent.</summary>
internal sealed record CommitHeader(byte[] Tree, byte[]? FirstParent)
{
    public static CommitHeader? Read(ObjectDatabase objects, ReadOnlySpan<byte> commit)
    {
        if (objects.Read(commit) is not { Kind: GitObjectKind.Commit, Content: var content }) return null;
        ReadOnlySpan<byte> text = content;
        if (IdAfter(ref text, "tree "u8) is not { } tree) return null;
        return new CommitHeader(tree, text.StartsWith("parent "u8) ? IdAfter(ref text, "parent "u8) : null);
    }

    /// <summary>The hex id of a "KEY ID\n" line at the start, which is then skipped.</summary>
    private static byte[]? IdAfter(ref ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        var length = key.Length + 2 * ObjectId.Length;
        if (text.Length <= length || !text.StartsWith(key) || text[length] != (byte)'\n') return null;
        var id = ObjectId.FromHex(Encoding.ASCII.GetString(text[key.Length..length]));
        text = text[(length + 1)..];
        return id;
    }
}
