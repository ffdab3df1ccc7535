using System.Text.Json.Serialization;

namespace HookGuard.Reporting;

// JSON v1 of docs/DESIGN.md, property for property in the order written. Optional fields are left out
// when absent; `commit` alone is written as null outside history, as the contract shows it.

internal sealed record JsonReportDocument(
    int Version,
    IReadOnlyList<JsonReportFinding> Findings,
    IReadOnlyList<JsonReportAllowed> Allowed,
    JsonReportStats Stats,
    IReadOnlyList<JsonReportPolicyChange> PolicyChanges);

internal sealed record JsonReportFinding(
    string RuleId,
    string RuleName,
    string Provider,
    string Severity,
    string Path,
    int Line,
    int Column,
    int EndColumn,
    string? Commit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Author,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject,
    string SecretRedacted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    string Fingerprint,
    double Entropy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AllowlistProblem,
    JsonReportRemediation Remediation);

internal sealed record JsonReportRemediation(
    string Summary,
    IReadOnlyList<string> Revoke,
    string Docs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Audit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Impact);

internal sealed record JsonReportAllowed(string RuleId, string Path, int Line, string Fingerprint, string Why);

internal sealed record JsonReportStats(
    int Files,
    long Lines,
    long Bytes,
    int Commits,
    int BinaryFilesSkipped,
    IReadOnlyList<JsonReportSkipped> Skipped,
    IReadOnlyList<string> Warnings,
    double ElapsedMs);

internal sealed record JsonReportSkipped(string Path, string Reason);

internal sealed record JsonReportPolicyChange(string Change, bool Relaxes);
