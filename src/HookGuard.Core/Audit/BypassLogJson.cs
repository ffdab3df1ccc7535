using System.Text.Json;
using System.Text.Json.Serialization;

namespace HookGuard.Audit;

/// <summary>One line of bypasses.jsonl, and one item of `hookguard audit --format json`, in the order written.</summary>
internal sealed record BypassRecord(
    [property: JsonRequired] string Commit,
    [property: JsonRequired] string Author,
    [property: JsonRequired] string Subject,
    [property: JsonRequired] DateTimeOffset Time,
    string? How,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AmendedFrom,
    [property: JsonRequired] IReadOnlyList<BypassRecordFinding> Findings);

internal sealed record BypassRecordFinding(
    [property: JsonRequired] string RuleId,
    [property: JsonRequired] string Path,
    [property: JsonRequired] int Line,
    [property: JsonRequired] string Fingerprint);

/// <summary>The log's reader and writer, generated at build time: one entry a line, unindented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BypassRecord))]
[JsonSerializable(typeof(List<BypassRecord>))]
internal sealed partial class BypassLogJsonContext : JsonSerializerContext
{
    /// <summary>The audit's listing for people and scripts: the same entries, indented.</summary>
    public static BypassLogJsonContext Indented => field ??=
        new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true });
}
