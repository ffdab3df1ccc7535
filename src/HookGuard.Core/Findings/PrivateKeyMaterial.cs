using System.Text;

namespace HookGuard.Findings;

/// <summary>
/// What identifies a PEM private key: its body, not its `-----BEGIN ... PRIVATE KEY-----` line, which
/// every key of a type shares. The body is in the same line when the key is written as one string
/// (JSON's "-----BEGIN ...-----\nMII...\n-----END ...-----\n"), or on the lines that follow the header.
/// </summary>
internal static class PrivateKeyMaterial
{
    private const string Begin = "-----BEGIN ";
    private const string KeyHeaderEnd = "PRIVATE KEY-----";
    private const string End = "-----END";
    /// <summary>A body spans a few dozen lines (an 8192-bit RSA key ~100); past this it is not a PEM body.</summary>
    public const int MaxBodyLines = 256;
    private const int MaxBodyLineLength = 128;

    /// <summary>Whether a rule's match is (or starts with) a PEM private key header.</summary>
    public static bool IsPemKey(string secret) =>
        secret.StartsWith(Begin, StringComparison.Ordinal) && secret.Contains(KeyHeaderEnd, StringComparison.Ordinal);

    /// <summary>
    /// The key body written on the header's own line, from the header at headerStart: every character
    /// up to the END marker, a closing quote or the line's end, less whitespace and \n, \r escapes.
    /// Empty when the header stands alone. bodyEnd is where it ends in the line (for masking).
    /// </summary>
    public static string BodyInLine(string line, int headerStart, out int bodyEnd)
    {
        var at = line.IndexOf(KeyHeaderEnd, headerStart, StringComparison.Ordinal);
        bodyEnd = line.Length;
        if (at < 0) return "";
        at += KeyHeaderEnd.Length;
        var body = new StringBuilder();
        while (at < line.Length)
        {
            var c = line[at];
            if (c == '\\')
            {
                // \n, \r, and their doubly escaped forms (\\n) in source strings.
                var next = at + 1;
                while (next < line.Length && line[next] == '\\') next++;
                if (next < line.Length && line[next] is 'n' or 'r')
                {
                    at = next + 1;
                    continue;
                }
                break;
            }
            if (c is '"' or '\'' or '`' || string.CompareOrdinal(line, at, End, 0, End.Length) == 0) break;
            if (!char.IsWhiteSpace(c)) body.Append(c);
            at++;
        }
        bodyEnd = at;
        return body.ToString();
    }

    /// <summary>
    /// A line after a header: Ok and its material when it belongs to the body (base64, an RFC 1421
    /// header field such as Proc-Type, a blank line before any base64), Done at the END line, Stop otherwise.
    /// </summary>
    public static BodyLine Classify(ReadOnlySpan<char> line, bool bodyStarted)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith(End, StringComparison.Ordinal)) return BodyLine.Done;
        if (trimmed.IsEmpty) return bodyStarted ? BodyLine.Stop : BodyLine.Ok;
        if (trimmed.Length > MaxBodyLineLength) return BodyLine.Stop;
        if (IsHeaderField(trimmed)) return BodyLine.Ok;
        foreach (var c in trimmed)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) return BodyLine.Stop;
        return BodyLine.Ok;
    }

    private static bool IsHeaderField(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(": ");
        if (colon < 2) return false;
        foreach (var c in line[..colon])
            if (!(char.IsAsciiLetter(c) || c == '-')) return false;
        return true;
    }

    /// <summary>The material of a key whose body could not be read (a header alone): bound to its file and line text.</summary>
    public static string WithoutBody(string path, string lineText) => "header-only\n" + path + "\n" + lineText.Trim();

    public static string WithBody(string body) => "pem-body\n" + body;
}

internal enum BodyLine { Ok, Done, Stop }
