using System.Buffers;
using System.Text;
using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>
/// Matches one stream of lines on one thread: runs the matcher on added lines' UTF-8 bytes and turns
/// matches into findings, keeping the line above for allowlist comments. A clean line is neither
/// decoded nor allocated for; only a line with a finding becomes text.
/// </summary>
internal sealed class LineMatchWorker : IDisposable
{
    private readonly Matcher _matcher;
    private readonly List<SecretMatch> _matches = [];
    private byte[] _previous = ArrayPool<byte>.Shared.Rent(4096);
    private int _previousLength, _previousLine = -1;
    private bool _previousAdded;
    private string? _previousPath;
    private readonly PrivateKeyBodyReader _keyBody = new();
    private readonly Generic.SplitPrivateKeyReader _splitKey = new();
    private readonly Generic.KubernetesSecretData _secretData = new();
    // The list the last line's findings went to: a key still waiting for its body at the end goes there.
    private List<Finding>? _findings;

    public LineMatchWorker(Matcher matcher) => _matcher = matcher;

    public void Match(in LineRef line, ReadOnlySpan<byte> content, List<Finding> findings, List<SkippedFile> skipped)
    {
        if (line.Number == FileNameFinding.Line)
        {
            if (!line.Carried) MatchName(line, content, findings);
            return;
        }
        if (content.Length > 0 && content[^1] == (byte)'\r') content = content[..^1];
        if (_keyBody.Waiting) _keyBody.Next(line.Path, line.Number, content);
        _findings = findings;
        var matched = line.Added && !line.Carried;
        var keyword = false;
        if (matched)
        {
            _matcher.EnterFile(line.Path);
            _matcher.Scan(content, _matches);
            keyword = _matcher.KeywordSeen;
            if (_matcher.PartlyJudged is { } why) skipped.Add(new SkippedFile(line.Path, $"line {line.Number}, in part: {why}"));
        }
        else _matches.Clear();
        _secretData.Line(line, content, matched, _matcher, _matches, findings);
        if (_matches.Count > 0) AddFindings(line, content, findings);
        if (matched) _splitKey.Added(line, content, mayBeginKey: keyword && _matches.Count == 0, _matcher, findings);
        else _splitKey.Other(_matcher, findings);
        Remember(line, content);
    }

    /// <summary>A file's name, handed on as line 0: matched like a line, never remembered as the line above one.</summary>
    private void MatchName(in LineRef line, ReadOnlySpan<byte> name, List<Finding> findings)
    {
        _matcher.EnterFile(line.Path);
        if (_matcher.ScanName(name, _matches) > 0) findings.AddRange(FileNameFinding.From(_matches, line.Path, line.Commit));
    }

    private void AddFindings(in LineRef line, ReadOnlySpan<byte> content, List<Finding> findings)
    {
        var lineText = Encoding.UTF8.GetString(content);
        var above = _previousLine == line.Number - 1 && ReferenceEquals(_previousPath, line.Path)
            ? Encoding.UTF8.GetString(_previous, 0, _previousLength)
            : null;
        var aboveAdded = above is not null && _previousAdded;
        int from = int.MaxValue, to = 0;
        foreach (var match in _matches)
        {
            from = Math.Min(from, match.Start);
            to = Math.Max(to, match.Start + match.Length);
        }
        var spans = _matcher.SecretSpans(content, lineText, from, to);
        foreach (var match in _matches)
        {
            spans.Add((match.Start, match.Length));
            var finding = MatchedFinding.From(match, line.Path, line.Number, lineText, above, line.Commit, aboveAdded);
            finding.MaskSpans = spans;
            findings.Add(finding);
            if (finding.NeedsKeyBody) _keyBody.Expect(finding, line.Path, line.Number + 1);
        }
    }

    /// <summary>The end of the input (or of a batch, which never splits a PEM block): a key still reading its body takes what it has.</summary>
    public void Finish()
    {
        _keyBody.Finish();
        if (_findings is not null) _splitKey.Finish(_matcher, _findings);
    }

    private void Remember(in LineRef line, ReadOnlySpan<byte> content)
    {
        if (content.Length > _previous.Length)
        {
            ArrayPool<byte>.Shared.Return(_previous);
            _previous = ArrayPool<byte>.Shared.Rent(content.Length);
        }
        content.CopyTo(_previous);
        _previousLength = content.Length;
        _previousLine = line.Number;
        _previousPath = line.Path;
        _previousAdded = line.Added;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_previous);
        _previous = [];
    }
}

/// <summary>Where a line is: its file (the same string instance for every line of one file version), number and commit.</summary>
/// <remarks>Carried: a line repeated at the start of a batch as the line above its first one, not matched again.</remarks>
internal readonly record struct LineRef(string Path, int Number, bool Added, CommitInfo? Commit, bool Carried = false);
