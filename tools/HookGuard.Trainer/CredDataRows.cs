using System.IO.Compression;
using System.Text.Json;

namespace HookGuard.Trainer;

/// <summary>One labeled (or unlabeled) row of the CredData training file; see its README for the fields.</summary>
internal sealed record CredDataRow(string Repo, string Path, int Line, int LineEnd, string Text, string Label, string? Category,
    int? ValueStart, int? ValueEnd)
{
    /// <summary>The value's span in the row's first line ([start, end)), or the whole line.</summary>
    public (int Start, int End) Span(int lineLength)
    {
        if (ValueStart is not { } start) return (0, lineLength);
        var end = LineEnd == Line && ValueEnd is { } e ? e : lineLength;
        return (start, Math.Max(end, start + 1));
    }

    /// <summary>A bare UUID, which HookGuard deliberately does not report: not counted in recall.</summary>
    public bool IsBareUuid => Category == "UUID";
}

/// <summary>All rows of one source line: the unit the matcher scans.</summary>
internal sealed record SourceLine(string Repo, string Path, int Number, string Text, List<CredDataRow> Rows);

internal static class CredDataRows
{
    public static List<SourceLine> Read(string path)
    {
        var lines = new Dictionary<(string, string, int), SourceLine>();
        var order = new List<SourceLine>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            var o = doc.RootElement;
            var row = new CredDataRow(
                o.GetProperty("repo").GetString()!, o.GetProperty("path").GetString()!, o.GetProperty("line").GetInt32(),
                o.GetProperty("lineEnd").GetInt32(), o.GetProperty("text").GetString()!, o.GetProperty("label").GetString()!,
                NullableString(o, "category"), NullableInt(o, "valueStart"), NullableInt(o, "valueEnd"));
            var key = (row.Repo, row.Path, row.Line);
            if (!lines.TryGetValue(key, out var line))
            {
                // A multi-line row is scanned by its first line (the matcher sees one line at a time).
                var first = row.Text.Split('\n')[0];
                lines[key] = line = new SourceLine(row.Repo, row.Path, row.Line, first, []);
                order.Add(line);
            }
            line.Rows.Add(row);
        }
        return order;
    }

    private static string? NullableString(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? NullableInt(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
