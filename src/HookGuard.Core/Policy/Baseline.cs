using System.Text.Json;
using HookGuard.Findings;

namespace HookGuard.Policy;

/// <summary>One recorded finding: where it was and its fingerprint, never the secret.</summary>
public sealed record BaselineEntry(string Fingerprint, string RuleId, string Path, int Line, string? Commit);

/// <summary>
/// .hookguard-baseline.json: the findings a team accepted when adopting HookGuard. Sorted and
/// indented so that it diffs well in review.
/// </summary>
public sealed class Baseline
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

    public static Baseline Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
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

    public void Save(string path)
    {
        using var stream = File.Create(path);
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
