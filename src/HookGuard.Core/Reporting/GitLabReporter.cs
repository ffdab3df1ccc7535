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
        var report = new GitLabReport(SchemaVersion, Scan(failure), [.. findings.Select(Vulnerability)]);
        output.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.GitLabReport));
    }

    private GitLabScan Scan(string? failure)
    {
        var version = typeof(GitLabReporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var tool = new GitLabTool("hookguard", "HookGuard", version, new GitLabVendor("HookGuard"));
        return new GitLabScan(tool, tool, "secret_detection", Time(_started), Time(DateTime.UtcNow),
            failure is null ? "success" : "failure",
            failure is null ? null : [new GitLabMessage("fatal", failure)]);
    }

    private static GitLabVulnerability Vulnerability(Finding finding)
    {
        var rule = finding.Rule;
        return new GitLabVulnerability(
            // Stable across pipelines for the same secret in the same place, so GitLab tracks one vulnerability.
            Id($"{finding.Fingerprint}\n{finding.Path}\n{finding.Line}"),
            rule.Name,
            $"{rule.Name} in {finding.Path} line {finding.Line}. {rule.Remediation.Summary}".Trim(),
            Severity(rule.Severity),
            Solution(rule),
            [new GitLabIdentifier("hookguard_rule_id", $"HookGuard rule {rule.Id}", rule.Id)],
            new GitLabLocation(finding.Path, finding.Line, finding.Line,
                new GitLabCommit(finding.Commit?.Sha ?? NoCommit, finding.Commit?.Author, finding.Commit?.Subject)));
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
