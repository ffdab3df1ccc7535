using System.Text;
using HookGuard.Findings;

namespace HookGuard.Matching.Generic;

/// <summary>
/// A PEM private key written in source as string literals, one per line: a BEGIN line
/// (`"-----BEGIN RSA PRIVATE KEY-----\n" +`, or `"-----BEGIN RSA PRIVATE KEY-----",` in a JSON array of
/// lines) followed by literals of base64 (`"MIIEow...\n" +`). No line alone is a key (a header constant is
/// not), so the header waits for its body: once consecutive added lines hold enough of it, the key is
/// reported once, at the BEGIN line, by the rule of its type, with the body's fingerprint (the same as
/// the key's written as a PEM file). A key written as one string (`"-----BEGIN ...\nMIIE..."`) is the
/// rules' own. A header holds its rule's keyword, so only an added line with a keyword and no finding of
/// its own may begin one (one vectorised search for `PRIVATE KEY-----` there); the state is one
/// header and a body of at most <see cref="PrivateKeyMaterial.MaxBodyLines"/> lines.
/// </summary>
internal sealed class SplitPrivateKeyReader
{
    private const string Begin = "-----BEGIN ";
    private const string HeaderEnd = "PRIVATE KEY-----";
    // A body shorter than this is not a key (an EC P-256 key's body is ~160 characters).
    private const int MinBody = 64;
    private const int MaxBody = 16 * 1024;

    private readonly StringBuilder _body = new();
    private string? _path, _lineText, _header;
    private LineRef _line;
    private int _nextLine, _column, _bodyLines;
    private char _quote;

    public bool Waiting => _path is not null;

    /// <summary>
    /// An added line: continues (or ends) a waiting header's body, or starts one. A key found whole is
    /// scanned by the matcher as one line to learn its rule, and added to findings.
    /// </summary>
    public void Added(in LineRef line, ReadOnlySpan<byte> content, bool mayBeginKey, Matcher matcher, List<Finding> findings)
    {
        if (Waiting)
        {
            if (ReferenceEquals(line.Path, _path) && line.Number == _nextLine && Continue(content)) return;
            Finish(matcher, findings);
        }
        if (!mayBeginKey || content.IndexOf("PRIVATE KEY-----"u8) < 0) return;
        Start(line, Encoding.UTF8.GetString(content));
    }

    /// <summary>A line that is not added (context, or another file's): no body continues across it.</summary>
    public void Other(Matcher matcher, List<Finding> findings)
    {
        if (Waiting) Finish(matcher, findings);
    }

    private void Start(in LineRef line, string text)
    {
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        if (begin < 1) return;
        var end = text.IndexOf(HeaderEnd, begin, StringComparison.Ordinal);
        if (end < 0 || end - begin > 64) return;
        end += HeaderEnd.Length;
        var quote = text[begin - 1];
        if (quote is not ('"' or '\'' or '`')) return;
        // The literal holds the header alone (and line breaks), then closes; the line ends there but for a `+`, `,` or `.`.
        var at = SkipEscapes(text, end);
        if (at >= text.Length || text[at] != quote || !IsTail(text.AsSpan(at + 1))) return;
        _path = line.Path;
        _line = line;
        _lineText = text;
        _header = text[begin..end];
        _column = begin;
        _quote = quote;
        _nextLine = line.Number + 1;
        _bodyLines = 0;
        _body.Clear();
    }

    /// <summary>Whether the line is the next literal of the body (or its END line); false ends the key.</summary>
    private bool Continue(ReadOnlySpan<byte> content)
    {
        var line = Encoding.UTF8.GetString(content).AsSpan().Trim();
        if (line.Length < 2 || line[0] != _quote) return false;
        var close = line[1..].IndexOf(_quote);
        if (close < 0 || !IsTail(line[(close + 2)..])) return false;
        var literal = line.Slice(1, close);
        // A literal may hold several lines of the body, split by \n escapes.
        var done = false;
        for (var at = 0; at < literal.Length;)
        {
            var stop = literal[at..].IndexOf('\\') is var b and >= 0 ? at + b : literal.Length;
            var segment = literal[at..stop];
            switch (PrivateKeyMaterial.Classify(segment, _body.Length > 0))
            {
                case BodyLine.Done:
                    done = true;
                    break;
                case BodyLine.Ok:
                    _body.Append(segment.Trim());
                    break;
                default:
                    return false;
            }
            if (done) break;
            at = stop < literal.Length ? SkipEscapes(literal, stop) : stop;
            if (at == stop && stop < literal.Length) return false;
        }
        _nextLine++;
        if (done || ++_bodyLines >= PrivateKeyMaterial.MaxBodyLines || _body.Length > MaxBody)
        {
            // The END line (or the bound): nothing more to read; the next call finishes the key.
            _nextLine = -1;
        }
        return true;
    }

    /// <summary>Reports the waiting key if its body is long enough; forgets it either way.</summary>
    public void Finish(Matcher matcher, List<Finding> findings)
    {
        if (_path is null) return;
        if (_body.Length >= MinBody)
        {
            var body = _body.ToString();
            // The rule of the key's type, as if the key were written on one line.
            var results = new List<SecretMatch>();
            matcher.Scan(_header + "\\n" + body[..Math.Min(body.Length, 256)], results);
            foreach (var match in results)
            {
                if (!PrivateKeyMaterial.IsPemKey(match.Secret)) continue;
                var atHeader = match with
                {
                    Start = _column, Length = _header!.Length, Secret = _header,
                    Why = "a PEM private key written as string literals over consecutive lines",
                };
                var finding = MatchedFinding.From(atHeader, _path, _line.Number, _lineText!, null, _line.Commit);
                finding.KeyMaterial = PrivateKeyMaterial.WithBody(body);
                findings.Add(finding);
                break;
            }
        }
        _path = null;
        _lineText = null;
        _header = null;
        _body.Clear();
    }

    /// <summary>Past any \n, \r escapes (doubly escaped too) from at.</summary>
    private static int SkipEscapes(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] == '\\')
        {
            var next = at + 1;
            while (next < text.Length && text[next] == '\\') next++;
            if (next >= text.Length || text[next] is not ('n' or 'r')) break;
            at = next + 1;
        }
        return at;
    }

    private static int SkipEscapes(string text, int at) => SkipEscapes(text.AsSpan(), at);

    /// <summary>What may follow a literal of a key split over lines: a concatenation or a list's comma, a closing bracket.</summary>
    private static bool IsTail(ReadOnlySpan<char> rest)
    {
        foreach (var c in rest)
            if (!(char.IsWhiteSpace(c) || c is '+' or ',' or '.' or ';' or ')' or ']' or '\\')) return false;
        return true;
    }
}
