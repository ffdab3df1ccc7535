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
        var run = new SarifRun(
            new SarifTool(new SarifDriver("HookGuard", typeof(SarifReporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                "https://github.com/hookguard/hookguard", [.. rules.Select(Rule)])),
            new SarifUriBases(new SarifUriBase(new SarifText("The root of the scanned repository or folder."))),
            [.. report.Findings.Select(f => Result(f, ruleIndex[f.Rule.Id]))],
            "utf16CodeUnits");
        output.WriteLine(JsonSerializer.Serialize(new SarifLog(Schema, "2.1.0", [run]), ReportJsonContext.Default.SarifLog));
    }

    private static SarifRule Rule(Rule rule) => new(
        rule.Id,
        ToPascalCase(rule.Id),
        new SarifText(rule.Name + "."),
        new SarifText(rule.Remediation.Summary),
        Uri.IsWellFormedUriString(rule.Remediation.Docs, UriKind.Absolute) ? rule.Remediation.Docs : null,
        new SarifHelp(HelpText(rule), HelpMarkdown(rule)),
        new SarifConfiguration(Level(rule.Severity)),
        new SarifRuleProperties(["security", "secret"], SecuritySeverity(rule.Severity), rule.Provider));

    private static SarifResult Result(Finding f, int ruleIndex)
    {
        var where = f.Commit is null ? "" : $" in commit {f.Commit.ShortSha}";
        var uri = Uri.EscapeDataString(f.Path).Replace("%2F", "/", StringComparison.Ordinal);
        // A secret in the file's name (line 0) has no region: the location is the file itself.
        var region = f.Line >= 1 ? new SarifRegion(f.Line, f.Column, f.EndColumn) : null;
        return new SarifResult(
            f.Rule.Id,
            ruleIndex,
            Level(f.Rule.Severity),
            new SarifText($"{f.Rule.Name} ({Redaction.Redact(f.Secret)}){where}. Rotate it at the provider, then remove it from the code."),
            [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(uri, "SRCROOT"), region))],
            new SarifFingerprints(f.Fingerprint),
            f.Commit is null ? null : new SarifResultProperties(f.Commit.Sha));
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
