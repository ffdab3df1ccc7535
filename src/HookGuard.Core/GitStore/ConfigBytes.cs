namespace HookGuard.GitStore;

/// <summary>
/// git configuration (or attributes) text lower-cased and without blanks, so that `worktree = x`,
/// `[Include]` and `bare=TRUE` read alike: enough to tell whether a setting may be present, without a parser.
/// </summary>
internal static class ConfigBytes
{
    /// <summary>Compacts the bytes in place; the returned span is the compacted text.</summary>
    public static Span<byte> Compact(byte[] text)
    {
        var length = 0;
        foreach (var b in text)
            if (b is not ((byte)' ' or (byte)'\t')) text[length++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        return text.AsSpan(0, length);
    }
}
