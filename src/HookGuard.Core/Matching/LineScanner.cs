using System.Buffers;
using System.Text;
using HookGuard.Findings;
using HookGuard.Git;

namespace HookGuard.Matching;

/// <summary>
/// The hand-off from sources to the matcher: receives files and lines (from a patch or from files on
/// disk), decodes them, runs the matcher on added lines and collects findings and statistics.
/// </summary>
public sealed class LineScanner : IPatchSink, IDisposable
{
    private readonly Matcher _matcher;
    private readonly Func<string, bool> _includes;
    private readonly long? _maxFileSize;
    private readonly List<SecretMatch> _matches = [];
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);
    private char[] _previous = ArrayPool<char>.Shared.Rent(4096);
    private int _previousLength, _previousLine = -1;
    private string? _path;
    private CommitInfo? _commit;
    private long _fileBytes;
    private bool _fileSkipped;

    public LineScanner(Matcher matcher, Func<string, bool> includes, long? maxFileSize)
    {
        _matcher = matcher;
        _includes = includes;
        _maxFileSize = maxFileSize;
    }

    public List<Finding> Findings { get; } = [];
    public ScanStats Stats { get; } = new();
    /// <summary>Binary files seen in a patch, with their commit, for the sources that can decode UTF-16 ones.</summary>
    public List<(string Path, CommitInfo? Commit)> BinaryFiles { get; } = [];

    public void BeginCommit(CommitInfo commit)
    {
        _commit = commit;
        Stats.Commits++;
    }

    /// <summary>Returns to a commit seen earlier, for lines a source delivers after the patch (decoded UTF-16 files).</summary>
    public void ReturnToCommit(CommitInfo? commit) => _commit = commit;

    public bool BeginFile(string path)
    {
        _previousLine = -1;
        _fileBytes = 0;
        _fileSkipped = false;
        if (!_includes(path)) return false;
        _path = path;
        Stats.Files++;
        return true;
    }

    public void BinaryFile(string path)
    {
        Stats.BinaryFilesSkipped++;
        BinaryFiles.Add((path, _commit));
    }

    public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(content.Length);
        if (needed > _chars.Length) Grow(ref _chars, needed);
        // Invalid UTF-8 decodes to U+FFFD; the ASCII of a secret around it is intact.
        var length = Encoding.UTF8.GetChars(content, _chars);
        Line(lineNumber, _chars.AsSpan(0, length), added, content.Length);
    }

    public void Line(int lineNumber, ReadOnlySpan<char> text, bool added, long byteCount)
    {
        if (_fileSkipped || _path is null) return;
        if (text.Length > 0 && text[^1] == '\r') text = text[..^1];
        if (added)
        {
            Stats.Lines++;
            Stats.Bytes += byteCount;
            _fileBytes += byteCount;
            if (_fileBytes > _maxFileSize)
            {
                _fileSkipped = true;
                Stats.Skipped.Add(new SkippedFile(_path, $"larger than maxFileSize ({_maxFileSize} bytes)"));
                return;
            }
            var timedOut = _matcher.TimedOut;
            if (_matcher.Scan(text, _matches) > 0) AddFindings(lineNumber, text);
            if (_matcher.TimedOut != timedOut)
                Stats.Skipped.Add(new SkippedFile($"{_path}:{lineNumber}", "a rule's pattern hit its time bound on this line; please report it"));
        }
        Remember(lineNumber, text);
    }

    /// <summary>A file a source could not scan (too large, unreadable), reported rather than silently passed.</summary>
    public void Skip(string path, string reason) => Stats.Skipped.Add(new SkippedFile(path, reason));

    private void AddFindings(int lineNumber, ReadOnlySpan<char> text)
    {
        var lineText = text.ToString();
        var above = _previousLine == lineNumber - 1 ? _previous.AsSpan(0, _previousLength).ToString() : null;
        foreach (var match in _matches)
            Findings.Add(Finding.From(match, _path!, lineNumber, lineText, above, _commit));
    }

    private void Remember(int lineNumber, ReadOnlySpan<char> text)
    {
        if (text.Length > _previous.Length) Grow(ref _previous, text.Length);
        text.CopyTo(_previous);
        _previousLength = text.Length;
        _previousLine = lineNumber;
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
