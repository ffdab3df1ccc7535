using System.Text;

namespace HookGuard.Platform;

internal enum ContentKind { Utf8, Bom, Binary }

/// <summary>Tells text from binary the way git does (a NUL near the start), except text with a Unicode BOM.</summary>
internal static class TextEncodingSniffer
{
    /// <summary>git's buffer_is_binary looks this far for a NUL: the one length every source sniffs.</summary>
    public const int SniffLength = 8000;

    public static ContentKind Sniff(ReadOnlySpan<byte> head, out Encoding? bomEncoding)
    {
        bomEncoding = BomEncoding(head);
        if (bomEncoding is not null) return ContentKind.Bom;
        return head[..Math.Min(head.Length, SniffLength)].Contains((byte)0) ? ContentKind.Binary : ContentKind.Utf8;
    }

    private static Encoding? BomEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode;
        return null;
    }

    /// <summary>The lines of a BOM-encoded text (UTF-16/32), split on \n, \r\n and lone \r.</summary>
    public static IEnumerable<string> Lines(byte[] content, Encoding encoding)
    {
        var preamble = encoding.GetPreamble().Length;
        using var reader = new StringReader(encoding.GetString(content, preamble, content.Length - preamble));
        while (reader.ReadLine() is { } line) yield return line;
    }
}
