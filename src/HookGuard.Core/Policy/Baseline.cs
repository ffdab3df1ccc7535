using System.Text.Json;
using HookGuard.Findings;

namespace HookGuard.Policy;

/// <summary>One recorded finding: where it was and its fingerprint, never the secret.</summary>
internal sealed record BaselineEntry(string Fingerprint, string RuleId, string Path, int Line, string? Commit);

/// <summary>
/// .hookguard-baseline.json: the findings a team accepted when adopting HookGuard. Sorted and
/// indented so that it diffs well in review.
/// </summary>
internal sealed class Baseline
{
    public const string DefaultPath = ".hookguard-baseline.json";

    private readonly HashSet<string> _fingerprints;

    public Baseline(IEnumerable<BaselineEntry> entries)
    {
        Entries = [.. entries.DistinctBy(e => (e.Fingerprint, e.Path))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Fingerprint, StringComparer.Ordinal)];
        _fingerprints = Entries.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<BaselineEntry> Entries { get; }

    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    public static Baseline FromFindings(IEnumerable<Finding> findings) =>
        new(findings.Select(f => new BaselineEntry(f.Fingerprint, f.Rule.Id, f.Path, f.Line, f.Commit?.Sha)));

    public static Baseline Load(string path) => Parse(File.ReadAllText(path));

    public static Baseline Parse(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var entries = new List<BaselineEntry>();
        foreach (var item in doc.RootElement.GetProperty("findings").EnumerateArray())
            entries.Add(new BaselineEntry(
                item.GetProperty("fingerprint").GetString() ?? "",
                item.GetProperty("ruleId").GetString() ?? "",
                item.GetProperty("path").GetString() ?? "",
                item.TryGetProperty("line", out var line) ? line.GetInt32() : 0,
                item.TryGetProperty("commit", out var commit) ? commit.GetString() : null));
        return new Baseline(entries);
    }

    /// <summary>
    /// Whether the text is exactly what <see cref="Save"/> writes for the entries it holds: fingerprints,
    /// rule ids, paths, lines and commits and nothing else. Only such a file is left unscanned; anything
    /// added to it (a key, a comment, another order) makes it a file like any other.
    /// </summary>
    public static bool IsExactlyWritten(string text)
    {
        try
        {
            var baseline = Parse(text);
            return baseline.Entries.All(e => IsHex(e.Fingerprint, 64) && e.RuleId.All(c => c is '-' or (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                    && (e.Commit is null || IsHex(e.Commit, 40) || IsHex(e.Commit, 64)))
                && baseline.ToText() == text;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { return false; }
    }

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigitLower);

    public string ToText()
    {
        using var stream = new MemoryStream();
        Write(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    private void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteStartArray("findings");
        foreach (var e in Entries)
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", e.Fingerprint);
            json.WriteString("ruleId", e.RuleId);
            json.WriteString("path", e.Path);
            json.WriteNumber("line", e.Line);
            if (e.Commit is not null) json.WriteString("commit", e.Commit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
