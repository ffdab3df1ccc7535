using System.Text;

namespace HookGuard.Platform;

/// <summary>
/// Text from a repository (file names, lines, commit subjects and authors, reasons, custom rules) made
/// safe to print to a terminal: control characters become visible escapes (`\x1b`, `\r`, `\t`), and so do
/// C1 controls and the bidirectional overrides that reorder what a reader sees. A hostile file name or
/// line can then neither move the cursor, clear the screen, write the clipboard (OSC 52) nor hide text.
/// </summary>
internal static class TerminalText
{
    /// <summary>The text with every unsafe character escaped; the same string when there is none.</summary>
    public static string Escape(string? text) => Escape(text, keepNewlines: false);

    /// <summary>As <see cref="Escape(string?)"/>, keeping line breaks (a multi-line message of HookGuard's own).</summary>
    public static string EscapeLines(string? text) => Escape(text, keepNewlines: true);

    private static string Escape(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = -1;
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i]) && !(keepNewlines && text[i] == '\n'))
            {
                first = i;
                break;
            }
        if (first < 0) return text;
        var escaped = new StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c) || (keepNewlines && c == '\n')) escaped.Append(c);
            else if (c == '\t') escaped.Append("\\t");
            else if (c == '\r') escaped.Append("\\r");
            else if (c == '\n') escaped.Append("\\n");
            else if (c <= 0xFF) escaped.Append("\\x").Append(((int)c).ToString("x2"));
            else escaped.Append("\\u").Append(((int)c).ToString("x4"));
        }
        return escaped.ToString();
    }

    /// <summary>C0 controls, DEL, C1 controls, bidirectional embeddings, overrides and isolates, and the directional marks.</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069'
        || c is '\u200e' or '\u200f' or '\u061c';
}
