using System.Text;
using HookGuard.Findings;
using HookGuard.Matching.Generic;
using HookGuard.Rules;
using HookGuard.Sources;

namespace HookGuard.Matching;

/// <summary>
/// The hand-off from sources to the matcher: receives commits, files and lines (from a patch or from
/// files on disk), applies the path filter and maxFileSize, counts what was scanned, and passes lines
/// on to be matched, on this thread or, for histories, on worker threads.
/// </summary>
internal sealed class LineScanner : IPatchSink, IDisposable
{
    private readonly Func<string, bool> _includes;
    private readonly long? _maxFileSize;
    private readonly ILineMatching _matching;
    private string? _path;
    private CommitInfo? _commit;
    private long _fileBytes;
    private bool _fileSkipped;
    private int _binaryFiles, _decodedBinaryFiles;

    /// <param name="threads">Matcher threads: 0 matches on the reading thread (a commit's few lines).</param>
    /// <param name="scoring">How generic rules' candidates are judged; null: the model's own threshold.</param>
    public LineScanner(IReadOnlyList<Rule> rules, Func<string, bool> includes, long? maxFileSize, int threads = 0, GenericScoring? scoring = null)
    {
        _includes = includes;
        _maxFileSize = maxFileSize;
        _matching = threads > 0 ? new ParallelLineMatching(rules, threads, scoring) : new InlineLineMatching(new Matcher(rules, scoring));
    }

    public ScanStats Stats { get; } = new();

    /// <summary>Ends the scan: waits for the matcher threads and returns every finding, in input order.</summary>
    public List<Finding> Finish()
    {
        var (findings, skipped) = _matching.Complete();
        Stats.Skipped.AddRange(skipped);
        Stats.BinaryFilesSkipped = _binaryFiles - _decodedBinaryFiles;
        return findings;
    }

    public void BeginCommit(CommitInfo commit)
    {
        _commit = commit;
        Stats.Commits++;
    }

    /// <summary>
    /// A file the patch showed as binary that a source decoded after all (UTF-16/UTF-32 text), returning
    /// to the commit it belongs to; it then counts as scanned, not as a skipped binary.
    /// </summary>
    public bool BeginDecodedFile(string path, CommitInfo? commit)
    {
        _commit = commit;
        // Its name was matched when the patch showed it as binary.
        if (!Begin(path, matchName: false)) return false;
        _decodedBinaryFiles++;
        return true;
    }

    public bool BeginFile(string path) => Begin(path, matchName: true);

    private bool Begin(string path, bool matchName)
    {
        _fileBytes = 0;
        _fileSkipped = false;
        _path = null;
        if (!_includes(path)) return false;
        _path = path;
        Stats.Files++;
        if (matchName) MatchName(path);
        return true;
    }

    public void NewName(string path)
    {
        if (_includes(path)) MatchName(path);
    }

    public void BinaryFile(string path)
    {
        _binaryFiles++;
        if (_includes(path)) MatchName(path);
    }

    /// <summary>A file's name can hold a secret too: it goes to the matcher as line 0.</summary>
    private void MatchName(string path) =>
        _matching.Line(new LineRef(path, FileNameFinding.Line, true, _commit), Encoding.UTF8.GetBytes(path));

    public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added)
    {
        if (_fileSkipped || _path is null) return;
        if (added)
        {
            Stats.Lines++;
            Stats.Bytes += content.Length;
            _fileBytes += content.Length;
            if (_fileBytes > _maxFileSize)
            {
                _fileSkipped = true;
                Stats.Skipped.Add(new SkippedFile(_path, $"larger than maxFileSize ({_maxFileSize} bytes)"));
                return;
            }
        }
        _matching.Line(new LineRef(_path, lineNumber, added, _commit), content);
    }

    /// <summary>A line already decoded (UTF-16/UTF-32 text); rare, so it is simply re-encoded.</summary>
    public void Line(int lineNumber, string text, bool added) => Line(lineNumber, Encoding.UTF8.GetBytes(text), added);

    /// <summary>A file a source could not scan (too large, unreadable), reported rather than silently passed.</summary>
    public void Skip(string path, string reason) => Stats.Skipped.Add(new SkippedFile(path, reason));

    public void Dispose() => _matching.Dispose();
}
