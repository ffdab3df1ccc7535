using System.Buffers;
using System.Text;
using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>
/// Matches one stream of lines on one thread: decodes each line, runs the matcher on added ones and
/// turns matches into findings, keeping the line above for allowlist comments. Allocates nothing for
/// a clean line.
/// </summary>
internal sealed class LineMatchWorker : IDisposable
{
    private readonly Matcher _matcher;
    private readonly List<SecretMatch> _matches = [];
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);
    private char[] _previous = ArrayPool<char>.Shared.Rent(4096);
    private int _previousLength, _previousLine = -1;
    private string? _previousPath;

    public LineMatchWorker(Matcher matcher) => _matcher = matcher;

    public void Match(in LineRef line, ReadOnlySpan<byte> content, List<Finding> findings, List<SkippedFile> skipped)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(content.Length);
        if (needed > _chars.Length) Grow(ref _chars, needed);
        // Invalid UTF-8 decodes to U+FFFD; the ASCII of a secret around it is intact.
        var text = _chars.AsSpan(0, Encoding.UTF8.GetChars(content, _chars));
        if (text.Length > 0 && text[^1] == '\r') text = text[..^1];
        if (line.Added)
        {
            var timedOut = _matcher.TimedOut;
            if (_matcher.Scan(text, _matches) > 0) AddFindings(line, text, findings);
            if (_matcher.TimedOut != timedOut)
                skipped.Add(new SkippedFile($"{line.Path}:{line.Number}", "a rule's pattern hit its time bound on this line; please report it"));
        }
        Remember(line, text);
    }

    private void AddFindings(in LineRef line, ReadOnlySpan<char> text, List<Finding> findings)
    {
        var lineText = text.ToString();
        var above = _previousLine == line.Number - 1 && ReferenceEquals(_previousPath, line.Path)
            ? _previous.AsSpan(0, _previousLength).ToString()
            : null;
        foreach (var match in _matches)
            findings.Add(Finding.From(match, line.Path, line.Number, lineText, above, line.Commit));
    }

    private void Remember(in LineRef line, ReadOnlySpan<char> text)
    {
        if (text.Length > _previous.Length) Grow(ref _previous, text.Length);
        text.CopyTo(_previous);
        _previousLength = text.Length;
        _previousLine = line.Number;
        _previousPath = line.Path;
    }

    private static void Grow(ref char[] buffer, int size)
    {
        ArrayPool<char>.Shared.Return(buffer);
        buffer = ArrayPool<char>.Shared.Rent(size);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<char>.Shared.Return(_previous);
        _chars = _previous = [];
    }
}

/// <summary>Where a line is: its file (the same string instance for every line of one file version), number and commit.</summary>
internal readonly record struct LineRef(string Path, int Number, bool Added, CommitInfo? Commit);
