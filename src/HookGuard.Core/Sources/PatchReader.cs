using System.Buffers;
using System.Buffers.Text;
using System.Text;
using HookGuard.Findings;
using HookGuard.Platform;

namespace HookGuard.Sources;

/// <summary>
/// Streams `git diff -p` / `git log -p` output into an <see cref="IPatchSink"/> without holding the
/// patch in memory. Hunk lines are counted against their header, so an added line that looks like a
/// header ("+++ x", "diff --git") is still content.
/// </summary>
internal sealed class PatchReader
{
    /// <summary>The line `git log --format` prints before each commit's patch (see <see cref="LogFormat"/>).</summary>
    public const string CommitMarker = "\u0001hookguard-commit ";
    public const string LogFormat = "format:%x01hookguard-commit %H%x1f%an <%ae>%x1f%s";

    private const int GitlinkMode = 160000;

    private readonly IPatchSink _sink;
    private readonly ChangeSummary? _summary;
    private string? _pendingPath;     // new path of the current file header, once known
    private bool _fileAnnounced, _fileWanted, _skipFile;
    // The header said the file is new at its path (new file, rename to, copy to).
    private bool _nameIsNew;
    private int _oldLeft, _newLeft, _newLine;
    // The current file's `index` line ids, for the summary once its path is settled (after `+++`).
    private string? _oldId, _newId;

    /// <param name="summary">Also collects what the patch changes, file by file (see <see cref="ChangeSummary"/>).</param>
    public PatchReader(IPatchSink sink, ChangeSummary? summary = null) => (_sink, _summary) = (sink, summary);

    public void Read(Stream stream)
    {
        using var lines = new LineSplitter(stream);
        while (lines.TryReadLine(out var line)) Feed(line);
        EndFile();
    }

    private void Feed(ReadOnlySpan<byte> line)
    {
        if (_oldLeft > 0 || _newLeft > 0)
        {
            HunkLine(line);
            return;
        }
        if (line.StartsWith("@@ "u8)) StartHunk(line);
        else if (line.StartsWith("diff --git "u8)) StartFile(line["diff --git "u8.Length..]);
        else if (line.StartsWith("+++ "u8)) _pendingPath = PathAfterPrefix(line["+++ "u8.Length..]);
        else if (line.StartsWith("rename to "u8)) (_pendingPath, _nameIsNew) = (Unquote(line["rename to "u8.Length..]), true);
        else if (line.StartsWith("copy to "u8)) (_pendingPath, _nameIsNew) = (Unquote(line["copy to "u8.Length..]), true);
        else if (line.StartsWith("new file mode "u8))
        {
            _nameIsNew = true;
            CheckMode(line["new file mode "u8.Length..]);
        }
        else if (line.StartsWith("new mode "u8)) CheckMode(line["new mode "u8.Length..]);
        else if (line.StartsWith("index "u8)) IndexLine(line);
        else if (line.StartsWith("Binary files "u8) || line.StartsWith("GIT binary patch"u8)) Binary();
        else if (line.StartsWith(Encoding.ASCII.GetBytes(CommitMarker))) StartCommit(line[CommitMarker.Length..]);
    }

    private void StartCommit(ReadOnlySpan<byte> fields)
    {
        EndFile();
        _pendingPath = null;
        var text = Encoding.UTF8.GetString(fields);
        var parts = text.Split('\u001f');
        _sink.BeginCommit(new CommitInfo(parts[0], parts.Length > 1 ? parts[1] : "", parts.Length > 2 ? parts[2] : ""));
    }

    private void StartFile(ReadOnlySpan<byte> header)
    {
        EndFile();
        _pendingPath = PathFromDiffHeader(header);
        _fileAnnounced = false;
        _skipFile = false;
        _nameIsNew = false;
    }

    /// <summary>A submodule's commit line is no text of the repository's; a symlink's target is, and is scanned.</summary>
    private void CheckMode(ReadOnlySpan<byte> mode)
    {
        if (Utf8Parser.TryParse(mode, out int value, out _) && value is GitlinkMode) _skipFile = true;
    }

    /// <summary>`index OLD..NEW[ MODE]`: the mode says whether the file is scanned, the ids go to the summary.</summary>
    private void IndexLine(ReadOnlySpan<byte> line)
    {
        var ids = line["index "u8.Length..];
        var space = ids.IndexOf((byte)' ');
        if (space >= 0)
        {
            CheckMode(ids[(space + 1)..]);
            ids = ids[..space];
        }
        var dots = ids.IndexOf(".."u8);
        if (_summary is not null && dots > 0) (_oldId, _newId) = (Encoding.ASCII.GetString(ids[..dots]), Encoding.ASCII.GetString(ids[(dots + 2)..]));
    }

    private void EndFile()
    {
        if (_oldId is not null) _summary!.Add(_pendingPath, _oldId, _newId!);
        _oldId = _newId = null;
        // An empty new file or a pure rename has no hunk to announce it: its name still arrives.
        if (_nameIsNew && !_fileAnnounced && !_skipFile && _pendingPath is not null) _sink.NewName(_pendingPath);
        _nameIsNew = false;
    }

    private void Binary()
    {
        if (_pendingPath is not null && !_skipFile) _sink.BinaryFile(_pendingPath);
        _skipFile = true;
    }

    private void StartHunk(ReadOnlySpan<byte> line)
    {
        // @@ -a[,b] +c[,d] @@ ...
        var minus = line.IndexOf((byte)'-');
        var plus = line.IndexOf((byte)'+');
        if (minus < 0 || plus < 0) return;
        ParseRange(line[(minus + 1)..], out _, out _oldLeft);
        ParseRange(line[(plus + 1)..], out _newLine, out _newLeft);
        if (!_fileAnnounced)
        {
            _fileAnnounced = true;
            _fileWanted = !_skipFile && _pendingPath is not null && _sink.BeginFile(_pendingPath);
        }
    }

    private static void ParseRange(ReadOnlySpan<byte> text, out int start, out int count)
    {
        count = 1;
        if (!Utf8Parser.TryParse(text, out start, out var used)) return;
        if (used < text.Length && text[used] == (byte)',' && !Utf8Parser.TryParse(text[(used + 1)..], out count, out _)) count = 0;
    }

    private void HunkLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty) line = " "u8; // some tools strip the blank of an empty context line
        switch (line[0])
        {
            case (byte)'+':
                if (_fileWanted) _sink.Line(_newLine, line[1..], added: true);
                _newLine++;
                _newLeft--;
                break;
            case (byte)'-':
                _oldLeft--;
                break;
            case (byte)' ':
                if (_fileWanted) _sink.Line(_newLine, line[1..], added: false);
                _newLine++;
                _newLeft--;
                _oldLeft--;
                break;
            default: // "\ No newline at end of file"
                break;
        }
        if (_oldLeft < 0) _oldLeft = 0;
        if (_newLeft < 0) _newLeft = 0;
    }

    private static string? PathAfterPrefix(ReadOnlySpan<byte> text)
    {
        // git ends the name with a tab when it holds a space (for patch(1)); a name cannot end in one unquoted.
        if (text.Length > 0 && text[^1] == (byte)'\t') text = text[..^1];
        if (text.SequenceEqual("/dev/null"u8)) return null;
        var path = Unquote(text);
        return path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>`a/P b/P` (same path both sides unless renamed, which later header lines settle).</summary>
    private static string? PathFromDiffHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length > 0 && header[^1] == (byte)'"')
        {
            var open = OpeningQuote(header);
            var path = open >= 0 ? Unquote(header[open..]) : null;
            return path is not null && path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;
        }
        if ((header.Length - 1) % 2 != 0) return null;
        var half = (header.Length - 1) / 2;
        var b = header[(half + 1)..];
        return b.StartsWith("b/"u8) ? Encoding.UTF8.GetString(b[2..]) : null;
    }

    /// <summary>Where the quoted name that ends the text opens: the last '"' not escaped (`"b/q\"uote"` holds one that is).</summary>
    private static int OpeningQuote(ReadOnlySpan<byte> text)
    {
        for (var at = text.Length - 2; at >= 0; at--)
        {
            if (text[at] != (byte)'"') continue;
            var backslashes = 0;
            while (at - backslashes > 0 && text[at - backslashes - 1] == (byte)'\\') backslashes++;
            if (backslashes % 2 == 0) return at;
        }
        return -1;
    }

    /// <summary>Git C-quotes names holding control characters, '"' or '\' even with core.quotePath=false.</summary>
    public static string Unquote(ReadOnlySpan<byte> text)
    {
        if (text.Length < 2 || text[0] != (byte)'"' || text[^1] != (byte)'"') return Encoding.UTF8.GetString(text);
        var inner = text[1..^1];
        var bytes = ArrayPool<byte>.Shared.Rent(inner.Length);
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c != (byte)'\\' || i + 1 >= inner.Length)
            {
                bytes[n++] = c;
                continue;
            }
            var e = inner[++i];
            if (e is >= (byte)'0' and <= (byte)'7' && i + 2 < inner.Length)
            {
                bytes[n++] = (byte)(((e - '0') << 6) | ((inner[i + 1] - '0') << 3) | (inner[i + 2] - '0'));
                i += 2;
                continue;
            }
            bytes[n++] = e switch
            {
                (byte)'n' => (byte)'\n',
                (byte)'t' => (byte)'\t',
                (byte)'r' => (byte)'\r',
                (byte)'a' => 7,
                (byte)'b' => 8,
                (byte)'f' => 12,
                (byte)'v' => 11,
                _ => e,
            };
        }
        var result = Encoding.UTF8.GetString(bytes, 0, n);
        ArrayPool<byte>.Shared.Return(bytes);
        return result;
    }
}
