using HookGuard.Platform;
namespace HookGuard.GitStore;

/// <summary>
/// An object's zlib-compressed content, read as git reads it: exactly the size its header claims, then
/// the end of the stream (which makes zlib check its Adler-32). A header claiming more than the stream
/// could hold, or than any object the in-process read handles, is refused before anything is allocated.
/// </summary>
internal static class InflatedObject
{
    /// <summary>
    /// The largest object read in-process: the staged read hands files over 8 MB to git, and a tree or
    /// commit this size is far beyond any real one. A bigger claim is left to git.
    /// </summary>
    public const long MaxBytes = 64L << 20;

    // Deflate expands at most ~1032:1 (zlib's technical details); a claim beyond that is a damaged header.
    private const long MaxExpansion = 1032;

    /// <summary>Whether a header's claimed size is possible for this many compressed bytes and small enough to read here.</summary>
    public static bool IsPlausible(long size, long compressedBytes) =>
        size >= 0 && size <= MaxBytes && size <= compressedBytes * MaxExpansion + 64;

    /// <summary>
    /// The content: <paramref name="start"/> (already inflated with the header) and the rest of
    /// <paramref name="size"/> bytes; null when the stream ends early, holds more, or fails its checksum.
    /// </summary>
    public static byte[]? Read(Stream zlib, long size, ReadOnlySpan<byte> start)
    {
        if (start.Length > size || size > MaxBytes) return null;
        // Not zeroed first: it is returned only once every byte has been inflated into it (a big change is
        // tens of MB of blobs, which zeroing would write twice).
        var content = GC.AllocateUninitializedArray<byte>((int)size);
        start.CopyTo(content);
        var filled = start.Length;
        while (filled < content.Length)
        {
            var read = zlib.Read(content, filled, content.Length - filled);
            if (read == 0) return null;
            filled += read;
        }
        Span<byte> beyond = stackalloc byte[1];
        return zlib.Read(beyond) == 0 ? content : null;
    }

    /// <summary>Whether the content hashes to the id it was looked up by ("kind size\0" then the content).</summary>
    public static bool HasId(GitObject found, ReadOnlySpan<byte> id)
    {
        var sha = Sha1.Create();
        Span<byte> header = stackalloc byte[32];
        var kind = found.Kind switch
        {
            GitObjectKind.Blob => "blob "u8,
            GitObjectKind.Tree => "tree "u8,
            GitObjectKind.Commit => "commit "u8,
            _ => "tag "u8,
        };
        kind.CopyTo(header);
        var length = kind.Length;
        found.Content.Length.TryFormat(header[length..], out var digits);
        length += digits;
        header[length++] = 0;
        sha.Append(header[..length]);
        sha.Append(found.Content);
        return sha.Matches(id);
    }
}
