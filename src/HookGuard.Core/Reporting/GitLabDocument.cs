using System.Text.Json.Serialization;

namespace HookGuard.Reporting;

// GitLab's secret-detection report (security report schema 15.x), the parts HookGuard writes, in order.

internal sealed record GitLabReport(string Version, GitLabScan Scan, IReadOnlyList<GitLabVulnerability> Vulnerabilities);

internal sealed record GitLabScan(
    GitLabTool Analyzer,
    GitLabTool Scanner,
    string Type,
    [property: JsonPropertyName("start_time")] string StartTime,
    [property: JsonPropertyName("end_time")] string EndTime,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GitLabMessage>? Messages);

internal sealed record GitLabTool(string Id, string Name, string Version, GitLabVendor Vendor);

internal sealed record GitLabVendor(string Name);

internal sealed record GitLabMessage(string Level, string Value);

internal sealed record GitLabVulnerability(
    string Id,
    string Name,
    string Description,
    string Severity,
    string Solution,
    IReadOnlyList<GitLabIdentifier> Identifiers,
    GitLabLocation Location);

internal sealed record GitLabIdentifier(string Type, string Name, string Value);

internal sealed record GitLabLocation(
    string File,
    [property: JsonPropertyName("start_line")] int StartLine,
    [property: JsonPropertyName("end_line")] int EndLine,
    GitLabCommit Commit);

internal sealed record GitLabCommit(
    string Sha,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Author,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message);
