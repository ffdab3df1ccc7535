using System.Text.Json.Serialization;

namespace HookGuard.Reporting;

/// <summary>
/// The JSON, SARIF and GitLab reports' and the list commands' writers, generated at build time (no reflection in the native
/// binary): two-space indent and the default escaping encoder, which the output contracts were written with.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(JsonReportDocument))]
[JsonSerializable(typeof(SarifLog))]
[JsonSerializable(typeof(GitLabReport))]
[JsonSerializable(typeof(IReadOnlyList<RuleListEntry>))]
[JsonSerializable(typeof(AllowlistDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
