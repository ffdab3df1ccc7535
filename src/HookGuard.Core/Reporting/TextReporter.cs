using HookGuard.Findings;
using HookGuard.Rules;

namespace HookGuard.Reporting;

/// <summary>
/// The report a blocked developer reads, 80 columns wide: findings grouped by file with the line
/// masked and a caret under the secret, what to do once per credential type, then a summary.
/// </summary>
public sealed class TextReporter(bool color, bool verbose = false, bool quiet = false) : IReporter
{
    private const int Width = 80;

    private string Red(string s) => color ? $"\e[1;31m{s}\e[0m" : s;
    private string Bold(string s) => color ? $"\e[1m{s}\e[0m" : s;
    private string Dim(string s) => color ? $"\e[2m{s}\e[0m" : s;
    private string Yellow(string s) => color ? $"\e[33m{s}\e[0m" : s;

    public void Write(ScanReport report, TextWriter output)
    {
        if (report.Findings.Count > 0 && !quiet) WriteFindings(report, output);
        WriteSkipped(report, output);
        if (verbose) WriteAllowed(report, output);
        WriteSummary(report, output);
    }

    private void WriteFindings(ScanReport report, TextWriter o)
    {
        o.WriteLine(Red($"hookguard: {Blocked(report)}: {Count(report.Findings.Count, "secret")} found"));
        foreach (var file in report.Findings.GroupBy(f => (f.Path, f.Commit?.Sha)))
        {
            o.WriteLine();
            var first = file.First();
            var commit = first.Commit is { } c ? $"(commit {c.ShortSha}, {c.Author}: {c.Subject})" : null;
            if (commit is null) o.WriteLine(Bold(file.Key.Path));
            else if (file.Key.Path.Length + 2 + commit.Length <= Width) o.WriteLine(Bold(file.Key.Path) + "  " + Dim(commit));
            else o.WriteLine(Bold(file.Key.Path) + Environment.NewLine + "  " + Dim(Clip(commit, Width - 2)));
            foreach (var finding in file) WriteFinding(finding, file, report.ShowSecrets, o);
        }
        foreach (var rule in report.Findings.Select(f => f.Rule).DistinctBy(r => r.Id)) WriteRemediation(rule, report, o);
        WriteOverride(report, o);
    }

    private void WriteFinding(Finding f, IEnumerable<Finding> sameFile, bool showSecrets, TextWriter o)
    {
        var head = $"  {f.Path}:{f.Line}:{f.Column}  ";
        var tag = $"[{f.Rule.Id}, {f.Rule.Severity.ToString().ToLowerInvariant()}]";
        // The rule's id and severity follow its name, or go on the next line where they would pass 80 columns.
        if (head.Length + f.Rule.Name.Length + 1 + tag.Length <= Width) o.WriteLine(head + Bold(f.Rule.Name) + " " + Dim(tag));
        else o.WriteLine(head + Bold(f.Rule.Name) + Environment.NewLine + "    " + Dim(tag));
        var (masked, caretAt, caretLength) = MaskedLine(f, sameFile.Where(s => s.Line == f.Line), showSecrets);
        var gutter = $"{f.Line} | ";
        o.WriteLine("    " + Dim(gutter) + masked);
        o.WriteLine("    " + new string(' ', gutter.Length + caretAt) + Red(new string('^', Math.Max(1, caretLength))));
        if (f.Why is { } why) o.WriteLine("    " + Dim("why: " + why));
        if (verbose && f.Details is { } details) o.WriteLine("    " + Dim("features: " + details));
        if (f.AllowProblem is { } problem) o.WriteLine("    " + Yellow("allowlist comment not accepted: " + problem));
    }

    /// <summary>The line with every secret on it masked, clipped to the terminal around the finding.</summary>
    private static (string Text, int CaretAt, int CaretLength) MaskedLine(Finding f, IEnumerable<Finding> onLine, bool showSecrets)
    {
        var text = f.LineText.Replace('\t', ' ');
        int caretAt = 0, caretLength = 0;
        foreach (var other in onLine.OrderByDescending(x => x.Column))
        {
            var start = other.Column - 1;
            if (start < 0 || start + other.Secret.Length > text.Length) continue;
            var shown = Redaction.Display(other.Secret, showSecrets);
            text = text[..start] + shown + text[(start + other.Secret.Length)..];
            if (other == f) caretLength = shown.Length;
            else if (other.Column < f.Column) caretAt += shown.Length - other.Secret.Length;
        }
        caretAt += f.Column - 1;
        const int room = Width - 12;
        if (text.Length <= room) return (text, caretAt, caretLength);
        var from = Math.Clamp(caretAt - 20, 0, Math.Max(0, text.Length - room));
        var clipped = string.Concat(from > 0 ? "…" : "", text.AsSpan(from, Math.Min(room, text.Length - from)));
        if (from + room < text.Length) clipped += "…";
        return (clipped, caretAt - from + (from > 0 ? 1 : 0), caretLength);
    }

    private void WriteRemediation(Rule rule, ScanReport report, TextWriter o)
    {
        var r = rule.Remediation;
        o.WriteLine();
        o.WriteLine(Bold($"── What to do: {rule.Name} ") + Dim(new string('─', Math.Max(3, Width - 17 - rule.Name.Length))));
        Wrap(o, "  ", r.Summary);
        o.WriteLine("  " + Bold("Rotate it first, then revoke the leaked one:"));
        for (var i = 0; i < r.Revoke.Count; i++) Wrap(o, $"    {i + 1}. ", r.Revoke[i]);
        if (r.Impact is { } impact) Wrap(o, "  When revoked: ", impact);
        if (r.Audit is { } audit) Wrap(o, "  Check for misuse: ", audit);
        if (r.Docs.Length + 17 <= Width) o.WriteLine($"  Provider docs: {r.Docs}");
        else o.WriteLine($"  Provider docs:{Environment.NewLine}    {r.Docs}"); // a URL is not wrapped
        Wrap(o, "  ", "Keep the new value out of the code: read it from an environment variable or a secrets manager (Vault, AWS/GCP/Azure secret stores, your CI's secret variables).");
        if (report.Mode is ScanMode.PrePush or ScanMode.Range or ScanMode.History)
            Wrap(o, "  ", "The secret is in a commit, not just a file: rotate it first, then rewrite history (`git commit --amend` for the last commit, `git rebase -i` for older ones, or `git reset` and commit again) and push again.");
    }

    private void WriteOverride(ScanReport report, TextWriter o)
    {
        o.WriteLine();
        var id = report.Findings.Select(f => f.Rule.Id).Distinct().Count() == 1 ? report.Findings[0].Rule.Id : "<rule-id>";
        Wrap(o, "", "Not a live secret (a revoked key, a test fixture)? Have it reviewed, then put this on its line or the line above, in a comment:");
        o.WriteLine($"  hookguard:allow {id} reason=\"<why it is not live>\" reviewed-by=<name>");
        var bypass = report.Hook switch
        {
            "pre-push" => "git push --no-verify",
            "pre-commit" or "pre-merge-commit" => "git commit --no-verify",
            _ => null,
        };
        if (bypass is not null) o.WriteLine(Dim($"Bypass once, only when you are sure: {bypass}"));
    }

    private void WriteSkipped(ScanReport report, TextWriter o)
    {
        foreach (var skipped in report.Stats.Skipped)
            o.WriteLine(Yellow($"hookguard: not scanned: {skipped.Path}: {skipped.Reason}"));
    }

    private void WriteAllowed(ScanReport report, TextWriter o)
    {
        foreach (var a in report.Allowed)
            o.WriteLine(Dim($"allowed: {a.Finding.Path}:{a.Finding.Line} {a.Finding.Rule.Id}: {a.Why}"));
    }

    private void WriteSummary(ScanReport report, TextWriter o)
    {
        var s = report.Stats;
        var scope = report.Mode is ScanMode.PrePush or ScanMode.Range or ScanMode.History
            ? $"{Count(s.Commits, "commit")}, {Count(s.Files, "file change")}, {Count(s.Lines, "added line")}"
            : report.Mode == ScanMode.Files
                ? $"{Count(s.Files, "file")}, {Count(s.Lines, "line")}"
                : $"{Count(s.Files, "file")}, {Count(s.Lines, "added line")}";
        var extra = (s.BinaryFilesSkipped > 0 ? $", {Count(s.BinaryFilesSkipped, "binary file")} skipped" : "")
            + (report.Allowed.Count > 0 ? $", {report.Allowed.Count} allowed" : "");
        var verdict = report.Findings.Count > 0
            ? Red($"{Count(report.Findings.Count, "finding")}: {Blocked(report)}.")
            : "no secrets found.";
        if (report.Findings.Count > 0) o.WriteLine();
        o.WriteLine($"hookguard: scanned {scope}{extra} in {s.ElapsedMs:0} ms; {verdict}");
    }

    private static string Blocked(ScanReport report) => report.Hook switch
    {
        "pre-push" => "push blocked",
        "pre-commit" or "pre-merge-commit" => "commit blocked",
        _ => "secrets found",
    };

    private static string Count(long n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Word-wraps to the report's width, indenting continuation lines under the first.</summary>
    private static void Wrap(TextWriter o, string lead, string text)
    {
        var indent = new string(' ', lead.Length);
        var line = lead;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length + word.Length + 1 > Width && line.Trim().Length > 0 && line.Length > lead.Length)
            {
                o.WriteLine(line.TrimEnd());
                line = indent;
            }
            line += (line.Length == lead.Length || line == indent ? "" : " ") + word;
        }
        o.WriteLine(line.TrimEnd());
    }
}
