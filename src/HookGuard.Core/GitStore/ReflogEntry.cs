using System.Text;

namespace HookGuard.GitStore;

/// <summary>One reflog line: "OLD NEW NAME &lt;EMAIL&gt; TIME TZ\tMESSAGE", the ref's value before and after.</summary>
internal sealed record ReflogEntry(byte[] Old, byte[] New, string Message)
{
    // The newest entry is the last line: the log's end is read, not the whole log.
    private const int TailBytes = 16 * 1024;

    /// <summary>HEAD's newest entry; null without a reflog (core.logAllRefUpdates=false) or when unreadable.</summary>
    public static ReflogEntry? NewestOfHead(string gitDir)
    {
        using var file = OptionalFile.OpenRead(Path.Combine(gitDir, "logs", "HEAD"));
        if (file is null) return null;
        var tail = new byte[(int)Math.Min(file.Length, TailBytes)];
        file.Position = file.Length - tail.Length;
        file.ReadExactly(tail);
        var text = tail.AsSpan().TrimEnd((byte)'\n');
        var start = text.LastIndexOf((byte)'\n') + 1;
        if (start == 0 && tail.Length < file.Length) return null; // a line longer than the tail
        var line = text[start..];
        const int idLength = 2 * ObjectId.Length;
        if (line.Length <= 2 * idLength + 1 || line[idLength] != (byte)' ' || line[2 * idLength + 1] != (byte)' ') return null;
        var tab = line.IndexOf((byte)'\t');
        if (ObjectId.FromHex(Encoding.ASCII.GetString(line[..idLength])) is not { } old
            || ObjectId.FromHex(Encoding.ASCII.GetString(line.Slice(idLength + 1, idLength))) is not { } @new) return null;
        return new ReflogEntry(old, @new, tab < 0 ? "" : Encoding.UTF8.GetString(line[(tab + 1)..]));
    }
}
