using System.Text;
using System.Text.Json;
using HookGuard.Findings;
using HookGuard.Rules;

namespace HookGuard.Reporting;

/// <summary>SARIF 2.1.0 for code-scanning tools: rules with help from remediation, regions, fingerprints.</summary>
internal sealed class SarifReporter : IReporter
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public void Write(ScanReport report, TextWriter output)
    {
        var rules = report.Findings.Select(f => f.Rule).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteStartObject("description");
            json.WriteString("text", "The root of the scanned repository or folder.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var finding in report.Findings) WriteResult(json, finding, ruleIndex[finding.Rule.Id]);
            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTool(Utf8JsonWriter json, List<Rule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "HookGuard");
        json.WriteString("semanticVersion", typeof(SarifReporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteString("informationUri", "https://github.com/hookguard/hookguard");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", ToPascalCase(rule.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Name + ".");
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Remediation.Summary);
            json.WriteEndObject();
            if (Uri.IsWellFormedUriString(rule.Remediation.Docs, UriKind.Absolute)) json.WriteString("helpUri", rule.Remediation.Docs);
            json.WriteStartObject("help");
            json.WriteString("text", HelpText(rule));
            json.WriteString("markdown", HelpMarkdown(rule));
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("secret");
            json.WriteEndArray();
            json.WriteString("security-severity", SecuritySeverity(rule.Severity));
            json.WriteString("provider", rule.Provider);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(f.Rule.Severity));
        json.WriteStartObject("message");
        var where = f.Commit is null ? "" : $" in commit {f.Commit.ShortSha}";
        json.WriteString("text", $"{f.Rule.Name} ({Redaction.Redact(f.Secret)}){where}. Rotate it at the provider, then remove it from the code.");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(f.Path).Replace("%2F", "/", StringComparison.Ordinal));
        json.WriteString("uriBaseId", "SRCROOT");
        json.WriteEndObject();
        // A secret in the file's name (line 0) has no region: the location is the file itself.
        if (f.Line >= 1)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", f.Line);
            json.WriteNumber("startColumn", f.Column);
            json.WriteNumber("endColumn", f.EndColumn);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("hookguardFingerprint/v1", f.Fingerprint);
        json.WriteEndObject();
        if (f.Commit is not null)
        {
            json.WriteStartObject("properties");
            json.WriteString("commit", f.Commit.Sha);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string HelpText(Rule rule) =>
        $"{rule.Remediation.Summary}\n\nRotate, then revoke:\n" +
        string.Join("\n", rule.Remediation.Revoke.Select((s, i) => $"{i + 1}. {s}")) +
        (rule.Remediation.Audit is { } audit ? $"\n\nCheck for misuse: {audit}" : "") +
        $"\n\nProvider documentation: {rule.Remediation.Docs}";

    private static string HelpMarkdown(Rule rule) =>
        $"{rule.Remediation.Summary}\n\n**Rotate, then revoke:**\n\n" +
        string.Join("\n", rule.Remediation.Revoke.Select((s, i) => $"{i + 1}. {s}")) +
        (rule.Remediation.Audit is { } audit ? $"\n\n**Check for misuse:** {audit}" : "") +
        $"\n\n[Provider documentation]({rule.Remediation.Docs})";

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        _ => "3.0",
    };

    private static string ToPascalCase(string id) =>
        string.Concat(id.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
