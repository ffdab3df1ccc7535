using System.Text;
using System.Text.Json;
using HookGuard.Findings;
using HookGuard.Platform;
using HookGuard.Rules;

namespace HookGuard.Reporting;

/// <summary>
/// GitLab's secret-detection report (security report schema 15.x, `artifacts:reports:secret_detection`),
/// which its merge-request widget and vulnerability report read; GitLab does not read SARIF. Every
/// vulnerability carries the rule, the file and line, and the commit (`0000000` outside history, as
/// GitLab's own analyzer writes), never the secret. A scan that could not run still writes a report,
/// with status "failure" and the reason, so the pipeline's artifact says why.
/// </summary>
internal sealed class GitLabReporter : IReporter
{
    public const string SchemaVersion = "15.2.1";
    private const string NoCommit = "0000000";

    private readonly DateTime _started = DateTime.UtcNow;

    public void Write(ScanReport report, TextWriter output) => Write(output, report.Findings, failure: null);

    /// <summary>The report of a scan that stopped before it could scan (a bad range, a broken configuration).</summary>
    public void WriteFailure(TextWriter output, string reason) => Write(output, [], reason);

    private void Write(TextWriter output, IReadOnlyList<Finding> findings, string? failure)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", SchemaVersion);
            WriteScan(json, failure);
            json.WriteStartArray("vulnerabilities");
            foreach (var finding in findings) WriteVulnerability(json, finding);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void WriteScan(Utf8JsonWriter json, string? failure)
    {
        var version = typeof(GitLabReporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        json.WriteStartObject("scan");
        foreach (var part in new[] { "analyzer", "scanner" })
        {
            json.WriteStartObject(part);
            json.WriteString("id", "hookguard");
            json.WriteString("name", "HookGuard");
            json.WriteString("version", version);
            json.WriteStartObject("vendor");
            json.WriteString("name", "HookGuard");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteString("type", "secret_detection");
        json.WriteString("start_time", Time(_started));
        json.WriteString("end_time", Time(DateTime.UtcNow));
        json.WriteString("status", failure is null ? "success" : "failure");
        if (failure is not null)
        {
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("level", "fatal");
            json.WriteString("value", failure);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter json, Finding finding)
    {
        var rule = finding.Rule;
        json.WriteStartObject();
        // Stable across pipelines for the same secret in the same place, so GitLab tracks one vulnerability.
        json.WriteString("id", Id($"{finding.Fingerprint}\n{finding.Path}\n{finding.Line}"));
        json.WriteString("name", rule.Name);
        json.WriteString("description", $"{rule.Name} in {finding.Path} line {finding.Line}. {rule.Remediation.Summary}".Trim());
        json.WriteString("severity", Severity(rule.Severity));
        json.WriteString("solution", Solution(rule));
        json.WriteStartArray("identifiers");
        json.WriteStartObject();
        json.WriteString("type", "hookguard_rule_id");
        json.WriteString("name", $"HookGuard rule {rule.Id}");
        json.WriteString("value", rule.Id);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("location");
        json.WriteString("file", finding.Path);
        json.WriteNumber("start_line", finding.Line);
        json.WriteNumber("end_line", finding.Line);
        json.WriteStartObject("commit");
        json.WriteString("sha", finding.Commit?.Sha ?? NoCommit);
        if (finding.Commit is { } commit)
        {
            json.WriteString("author", commit.Author);
            json.WriteString("message", commit.Subject);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A UUID-shaped id (what the schema recommends) derived from the finding, never random.</summary>
    private static string Id(string text)
    {
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(text));
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static string Solution(Rule rule) =>
        "Rotate, then revoke: " + string.Join(" ", rule.Remediation.Revoke.Select((s, i) => $"{i + 1}. {s}")) +
        (string.IsNullOrEmpty(rule.Remediation.Docs) ? "" : $" Provider documentation: {rule.Remediation.Docs}");

    private static string Severity(Severity severity) => severity switch
    {
        Rules.Severity.Critical => "Critical",
        Rules.Severity.High => "High",
        Rules.Severity.Medium => "Medium",
        _ => "Low",
    };

    /// <summary>The schema's date-time pattern: seconds, no zone.</summary>
    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
