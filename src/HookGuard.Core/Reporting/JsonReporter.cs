using System.Text.Json;
using HookGuard.Findings;

namespace HookGuard.Reporting;

/// <summary>The JSON contract of docs/DESIGN.md (version 1).</summary>
internal sealed class JsonReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        var document = new JsonReportDocument(
            Version: 1,
            Findings: [.. report.Findings.Select(f => Finding(f, report.ShowSecrets))],
            Allowed: [.. report.Allowed.Select(a => new JsonReportAllowed(a.Finding.Rule.Id, a.Finding.Path, a.Finding.Line, a.Finding.Fingerprint, a.Why))],
            Stats: Stats(report.Stats),
            PolicyChanges: [.. report.PolicyChanges.Select(c => new JsonReportPolicyChange(c.Text, c.Relaxes))]);
        output.WriteLine(JsonSerializer.Serialize(document, ReportJsonContext.Default.JsonReportDocument));
    }

    private static JsonReportFinding Finding(Finding f, bool showSecrets)
    {
        var remediation = f.Rule.Remediation;
        return new JsonReportFinding(
            RuleId: f.Rule.Id,
            RuleName: f.Rule.Name,
            Provider: f.Rule.Provider,
            Severity: f.Rule.Severity.ToString().ToLowerInvariant(),
            Path: f.Path,
            Line: f.Line,
            Column: f.Column,
            EndColumn: f.EndColumn,
            Commit: f.Commit?.Sha,
            Author: f.Commit?.Author,
            Subject: f.Commit?.Subject,
            SecretRedacted: Redaction.Redact(f.Secret),
            Secret: showSecrets ? f.Secret : null,
            Fingerprint: f.Fingerprint,
            Entropy: f.Entropy,
            AllowlistProblem: f.AllowProblem,
            Remediation: new JsonReportRemediation(remediation.Summary, remediation.Revoke, remediation.Docs, remediation.Audit, remediation.Impact));
    }

    private static JsonReportStats Stats(ScanStats stats) => new(
        stats.Files, stats.Lines, stats.Bytes, stats.Commits, stats.BinaryFilesSkipped,
        [.. stats.Skipped.Select(s => new JsonReportSkipped(s.Path, s.Reason))],
        stats.Warnings,
        Math.Round(stats.ElapsedMs, 1));
}
