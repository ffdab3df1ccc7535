using System.Text;
using System.Text.Json;
using HookGuard.Findings;

namespace HookGuard.Reporting;

/// <summary>The JSON contract of docs/DESIGN.md (version 1).</summary>
internal sealed class JsonReporter : IReporter
{
    public void Write(ScanReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings) WriteFinding(json, finding, report.ShowSecrets);
            json.WriteEndArray();
            json.WriteStartArray("allowed");
            foreach (var allowed in report.Allowed)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", allowed.Finding.Rule.Id);
                json.WriteString("path", allowed.Finding.Path);
                json.WriteNumber("line", allowed.Finding.Line);
                json.WriteString("fingerprint", allowed.Finding.Fingerprint);
                json.WriteString("why", allowed.Why);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStats(json, report.Stats);
            json.WriteStartArray("policyChanges");
            foreach (var (text, relaxes) in report.PolicyChanges)
            {
                json.WriteStartObject();
                json.WriteString("change", text);
                json.WriteBoolean("relaxes", relaxes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f, bool showSecrets)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteString("ruleName", f.Rule.Name);
        json.WriteString("provider", f.Rule.Provider);
        json.WriteString("severity", f.Rule.Severity.ToString().ToLowerInvariant());
        json.WriteString("path", f.Path);
        json.WriteNumber("line", f.Line);
        json.WriteNumber("column", f.Column);
        json.WriteNumber("endColumn", f.EndColumn);
        if (f.Commit is null) json.WriteNull("commit");
        else json.WriteString("commit", f.Commit.Sha);
        if (f.Commit is not null)
        {
            json.WriteString("author", f.Commit.Author);
            json.WriteString("subject", f.Commit.Subject);
        }
        json.WriteString("secretRedacted", Redaction.Redact(f.Secret));
        if (showSecrets) json.WriteString("secret", f.Secret);
        json.WriteString("fingerprint", f.Fingerprint);
        json.WriteNumber("entropy", f.Entropy);
        if (f.AllowProblem is not null) json.WriteString("allowlistProblem", f.AllowProblem);
        json.WriteStartObject("remediation");
        json.WriteString("summary", f.Rule.Remediation.Summary);
        json.WriteStartArray("revoke");
        foreach (var step in f.Rule.Remediation.Revoke) json.WriteStringValue(step);
        json.WriteEndArray();
        json.WriteString("docs", f.Rule.Remediation.Docs);
        if (f.Rule.Remediation.Audit is { } audit) json.WriteString("audit", audit);
        if (f.Rule.Remediation.Impact is { } impact) json.WriteString("impact", impact);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter json, ScanStats stats)
    {
        json.WriteStartObject("stats");
        json.WriteNumber("files", stats.Files);
        json.WriteNumber("lines", stats.Lines);
        json.WriteNumber("bytes", stats.Bytes);
        json.WriteNumber("commits", stats.Commits);
        json.WriteNumber("binaryFilesSkipped", stats.BinaryFilesSkipped);
        json.WriteStartArray("skipped");
        foreach (var skipped in stats.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("path", skipped.Path);
            json.WriteString("reason", skipped.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in stats.Warnings) json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteNumber("elapsedMs", Math.Round(stats.ElapsedMs, 1));
        json.WriteEndObject();
    }
}
