using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Findings;

namespace HookGuard.Policy;

/// <summary>One recorded finding: where it was and its fingerprint, never the secret. Its properties are the file's, in order.</summary>
internal sealed record BaselineEntry(
    [property: JsonRequired] string Fingerprint,
    [property: JsonRequired] string RuleId,
    [property: JsonRequired] string Path,
    int Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Commit);

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
        var file = JsonSerializer.Deserialize(text, BaselineJsonContext.Default.BaselineFile);
        if (file?.Findings is not { } entries) throw new JsonException("the baseline has no \"findings\" list");
        // A null string reads as empty, as a missing line reads as 0: the entry then matches nothing.
        return new Baseline(entries.Select(e => e.Fingerprint is null || e.RuleId is null || e.Path is null
            ? e with { Fingerprint = e.Fingerprint ?? "", RuleId = e.RuleId ?? "", Path = e.Path ?? "" }
            : e));
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
        JsonSerializer.Serialize(stream, new BaselineFile(1, Entries), BaselineJsonContext.Default.BaselineFile);
        stream.WriteByte((byte)'\n');
    }
}
