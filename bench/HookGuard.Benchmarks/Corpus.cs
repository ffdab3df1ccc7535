namespace HookGuard.Benchmarks;

/// <summary>
/// Ordinary source as the hook sees it: every text file under a folder, split into UTF-8 lines held in
/// one buffer, so a benchmark measures matching, not file reading.
/// </summary>
public sealed class Corpus
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx", ".json", ".md", ".markdown", ".txt", ".css", ".scss", ".less", ".html",
        ".htm", ".xml", ".yml", ".yaml", ".py", ".cs", ".java", ".go", ".rs", ".rb", ".sh", ".c", ".h", ".cpp", ".hpp", ".map", ".svg",
    };

    public required byte[] Bytes { get; init; }
    public required (int Start, int Length)[] Lines { get; init; }
    public required (string Path, int FirstLine)[] Files { get; init; }

    public ReadOnlySpan<byte> Line(int index) => Bytes.AsSpan(Lines[index].Start, Lines[index].Length);

    public static Corpus Load(string folder, long maxBytes = 64L << 20)
    {
        var bytes = new MemoryStream();
        var lines = new List<(int, int)>();
        var files = new List<(string, int)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!TextExtensions.Contains(Path.GetExtension(path))) continue;
            var content = File.ReadAllBytes(path);
            if (bytes.Length + content.Length > maxBytes) break;
            files.Add((Path.GetRelativePath(folder, path).Replace('\\', '/'), lines.Count));
            var offset = (int)bytes.Length;
            bytes.Write(content);
            for (int start = 0, end; start < content.Length; start = end + 1)
            {
                end = Array.IndexOf(content, (byte)'\n', start);
                if (end < 0) end = content.Length;
                lines.Add((offset + start, end - start));
            }
        }
        if (lines.Count == 0) throw new InvalidOperationException($"no text files under {folder}");
        return new Corpus { Bytes = bytes.ToArray(), Lines = [.. lines], Files = [.. files] };
    }
}
