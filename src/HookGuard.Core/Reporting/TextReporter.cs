using System.Globalization;
using HookGuard.Findings;
using HookGuard.Platform;
using HookGuard.Rules;

namespace HookGuard.Reporting;

/// <summary>
/// The report a blocked developer reads, 80 columns wide: findings grouped by file with the line
/// masked and a caret under the secret, what to do once per credential type, then a summary.
/// </summary>
internal sealed class TextReporter(bool color, bool verbose = false, bool quiet = false) : IReporter
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
            var commit = first.Commit is { } c ? $"(commit {c.ShortSha}, {E(c.Author)}: {E(c.Subject)})" : null;
            var path = E(file.Key.Path);
            if (commit is null) o.WriteLine(Bold(path));
            else if (path.Length + 2 + commit.Length <= Width) o.WriteLine(Bold(path) + "  " + Dim(commit));
            else o.WriteLine(Bold(path) + Environment.NewLine + "  " + Dim(Clip(commit, Width - 2)));
            foreach (var finding in file) WriteFinding(finding, file, report.ShowSecrets, o);
        }
        foreach (var rule in report.Findings.Select(f => f.Rule).DistinctBy(r => r.Id)) WriteRemediation(rule, report, o);
        WriteOverride(report, o);
    }

    private void WriteFinding(Finding f, IEnumerable<Finding> sameFile, bool showSecrets, TextWriter o)
    {
        var head = f.InFileName ? $"  {E(f.Path)} (file name)  " : $"  {E(f.Path)}:{f.Line}:{f.Column}  ";
        var tag = $"[{E(f.Rule.Id)}, {f.Rule.Severity.ToString().ToLowerInvariant()}]";
        var name = E(f.Rule.Name);
        // The rule's id and severity follow its name, or go on the next line where they would pass 80 columns.
        if (head.Length + name.Length + 1 + tag.Length <= Width) o.WriteLine(head + Bold(name) + " " + Dim(tag));
        else o.WriteLine(head + Bold(name) + Environment.NewLine + "    " + Dim(tag));
        var (masked, caretAt, caretLength) = MaskedLines.Render(f, sameFile.Where(s => s.Line == f.Line), showSecrets, Width - 12);
        var gutter = f.InFileName ? "name | " : $"{f.Line} | ";
        o.WriteLine("    " + Dim(gutter) + masked);
        o.WriteLine("    " + new string(' ', gutter.Length + caretAt) + Red(new string('^', Math.Max(1, caretLength))));
        if (f.Why is { } why) o.WriteLine("    " + Dim("why: " + E(why)));
        if (verbose && f.Details is { } details) o.WriteLine("    " + Dim("features: " + E(details)));
        if (f.AllowProblem is { } problem) o.WriteLine("    " + Yellow("not allowed: " + E(problem)));
    }

    private static string E(string? text) => TerminalText.Escape(text);

    private void WriteRemediation(Rule rule, ScanReport report, TextWriter o)
    {
        var r = rule.Remediation;
        o.WriteLine();
        var name = E(rule.Name);
        o.WriteLine(Bold($"── What to do: {name} ") + Dim(new string('─', Math.Max(3, Width - 17 - name.Length))));
        // A custom rule's remediation comes from the repository's config: escaped like any repository text.
        Wrap(o, "  ", E(r.Summary));
        o.WriteLine("  " + Bold("Rotate it first, then revoke the leaked one:"));
        for (var i = 0; i < r.Revoke.Count; i++) Wrap(o, $"    {i + 1}. ", E(r.Revoke[i]));
        if (r.Impact is { } impact) Wrap(o, "  When revoked: ", E(impact));
        if (r.Audit is { } audit) Wrap(o, "  Check for misuse: ", E(audit));
        var docs = E(r.Docs);
        if (docs.Length + 17 <= Width) o.WriteLine($"  Provider docs: {docs}");
        else o.WriteLine($"  Provider docs:{Environment.NewLine}    {docs}"); // a URL is not wrapped
        Wrap(o, "  ", "Keep the new value out of the code: read it from an environment variable or a secrets manager (Vault, AWS/GCP/Azure secret stores, your CI's secret variables).");
        if (report.Mode is ScanMode.PrePush or ScanMode.Range or ScanMode.History)
            Wrap(o, "  ", "The secret is in a commit, not just a file: rotate it first, then rewrite history (`git commit --amend` for the last commit, `git rebase -i` for older ones, or `git reset` and commit again) and push again.");
    }

    private void WriteOverride(ScanReport report, TextWriter o)
    {
        o.WriteLine();
        AllowInstructions.Write(report.Findings, o, Wrap);
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
            o.WriteLine(Yellow($"hookguard: not scanned: {E(skipped.Path)}: {E(skipped.Reason)}"));
        foreach (var warning in report.Stats.Warnings)
            o.WriteLine(Yellow($"hookguard: warning: {E(warning)}"));
    }

    private void WriteAllowed(ScanReport report, TextWriter o)
    {
        foreach (var a in report.Allowed)
            o.WriteLine(Dim($"allowed: {E(a.Finding.Path)}:{a.Finding.Line} {E(a.Finding.Rule.Id)}: {E(a.Why)}"));
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
        o.WriteLine($"hookguard: scanned {scope}{extra} in {Duration(s.ElapsedMs)}; {verdict}");
    }

    /// <summary>Milliseconds, or seconds from one second on: a slow scan's summary keeps its 80 columns.</summary>
    private static string Duration(double ms) =>
        ms < 999.5 ? $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms" : $"{(ms / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s";

    private static string Blocked(ScanReport report) => report.Hook switch
    {
        "pre-push" => "push blocked",
        "pre-commit" or "pre-merge-commit" => "commit blocked",
        _ => "secrets found",
    };

    private static string Count(long n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Word-wraps to the report's width, indenting continuation lines under the first.</summary>
    internal static void Wrap(TextWriter o, string lead, string text)
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
