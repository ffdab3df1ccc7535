using HookGuard.Sources.Staged;

namespace HookGuard.Sources;

/// <summary>
/// The lines a text file's new version adds to its old one, handed on as a one-line-context patch would
/// (for a file git's patch showed as binary, see <see cref="EncodedTextFiles"/>). The script is the
/// staged read's <see cref="LineDiff"/>; beyond its limits, every line the old version does not hold
/// (as many times) counts as added: never fewer added lines than git's diff would show.
/// </summary>
internal static class TextChange
{
    public static void Emit(IPatchSink sink, byte[] content, byte[]? old)
    {
        var lines = new TextLines(content, TextLines.CountLines(content));
        if (old is null)
        {
            StagedSnapshot.EmitLines(sink, lines, null);
            return;
        }
        var oldLines = new TextLines(old, TextLines.CountLines(old));
        if (lines.Count + oldLines.Count <= StagedFileReader.MaxLines && LineDiff.Compute(oldLines, lines) is { } diff)
        {
            StagedSnapshot.EmitLines(sink, lines, diff);
            return;
        }
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < oldLines.Count; i++)
        {
            var key = Convert.ToBase64String(oldLines.Text(i));
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }
        for (var j = 0; j < lines.Count; j++)
        {
            var key = Convert.ToBase64String(lines.Text(j));
            var kept = remaining.TryGetValue(key, out var count) && count > 0;
            if (kept) remaining[key] = count - 1;
            sink.Line(j + 1, lines.Text(j), added: !kept);
        }
    }
}
