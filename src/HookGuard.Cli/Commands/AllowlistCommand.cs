using HookGuard.Cli.CommandLine;
using HookGuard.Config;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Scanning;
using HookGuard.Yaml;

namespace HookGuard.Cli.Commands;

/// <summary>Reviewed exceptions: list them for audits, and add a fingerprint entry where a comment cannot go.</summary>
internal static class AllowlistCommand
{
    private static readonly OptionSpec Reason = new("--reason", "why the finding is not a live secret", "TEXT");
    private static readonly OptionSpec ReviewedBy = new("--reviewed-by", "who reviewed it (one of allowlist.reviewers when that is set)", "NAME");

    public static readonly CommandSpec ListSpec = new("allowlist list",
        "Lists every allowlist comment in the tracked files and every fingerprint entry of .hookguard.yaml, with rule, reason and reviewer, and marks the stale ones (they no longer match any finding).",
        [CommonOptions.ListFormat, CommonOptions.Config]);

    public static readonly CommandSpec AllowSpec = new("allow",
        "Adds a reviewed fingerprint entry to .hookguard.yaml, for findings in files that cannot hold comments (JSON).",
        [Reason, ReviewedBy, CommonOptions.Config], "FINGERPRINT");

    public static int List(ParsedArgs args)
    {
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: true);
        var findings = ScanRunner.Run(ctx, ScanSource.TrackedFiles).AllFindings;
        var (comments, fingerprints) = AllowlistAudit.Run(ctx.Repository!.Grep(AllowComment.Marker), findings, ctx.Config);
        if (args.Value(CommonOptions.ListFormat.Name) is "json") Console.WriteLine(ListDocuments.Allowlist(comments, fingerprints));
        else WriteText(comments, fingerprints);
        return ExitCodes.Clean;
    }

    private static void WriteText(List<AllowCommentEntry> comments, List<FingerprintEntry> fingerprints)
    {
        foreach (var c in comments)
            Console.WriteLine(TerminalText.Escape($"{c.Path}:{c.Line}  {c.Comment.RuleId}" + (c.Comment.Fingerprint is { } fp ? $"  fp={fp}" : "") +
                $"  reason=\"{c.Comment.Reason}\"  reviewed-by={c.Comment.Reviewer}  [{ListDocuments.Word(c.Status)}]" + (c.Problem is null ? "" : $"  {c.Problem}")));
        foreach (var f in fingerprints)
            Console.WriteLine(TerminalText.Escape($"{ConfigLoader.FileName}  fingerprint {f.Allow.Fingerprint[..Math.Min(12, f.Allow.Fingerprint.Length)]}…  reason=\"{f.Allow.Reason}\"  reviewed-by={f.Allow.Reviewer}  [{ListDocuments.Word(f.Status)}]"));
        Console.WriteLine($"{comments.Count} allowlist comment(s) ({comments.Count(c => c.Status == AllowStatus.Stale)} stale, " +
            $"{comments.Count(c => c.Status == AllowStatus.Incomplete)} incomplete), {fingerprints.Count} fingerprint entr{(fingerprints.Count == 1 ? "y" : "ies")} " +
            $"({fingerprints.Count(f => f.Status == AllowStatus.Stale)} stale)");
    }

    public static int Allow(ParsedArgs args)
    {
        if (args.Positionals.Count != 1) throw new UsageException("'hookguard allow' takes one FINGERPRINT (the 64 hex digits a report shows)");
        var fingerprint = args.Positionals[0].ToLowerInvariant();
        var reason = args.Value(Reason.Name) ?? throw new UsageException("'hookguard allow' needs --reason \"why it is not a live secret\"");
        var reviewer = args.Value(ReviewedBy.Name) ?? throw new UsageException("'hookguard allow' needs --reviewed-by NAME");
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false);
        var path = args.Value(CommonOptions.Config.Name) ?? Path.Combine(ctx.Root, ConfigLoader.FileName);
        var original = File.Exists(path) ? File.ReadAllText(path) : "";
        string edited;
        try { edited = ConfigEditor.AddFingerprint(original, new FingerprintAllow(fingerprint, reason, reviewer)); }
        catch (ArgumentException e) { throw new UsageException($"{path}: {e.Message}"); }
        catch (YamlDotNet.Core.YamlException) { throw new UsageException($"{path} is not valid YAML; run 'hookguard config validate' and fix it first"); }
        // The edit must leave a valid configuration that allows exactly this fingerprint.
        var config = ConfigLoader.Parse(path, edited, HookGuard.Rules.RuleSet.BuiltIn, out var errors);
        if (errors.Count > 0) throw new ConfigException(errors);
        if (config.Fingerprints.All(f => f.Fingerprint != fingerprint)) throw new UsageException($"{path}: the entry could not be added");
        File.WriteAllText(path, edited);
        Console.WriteLine(TerminalText.Escape($"hookguard: {Path.GetFileName(path)} now allows fingerprint {fingerprint[..Math.Min(12, fingerprint.Length)]}… (reason \"{reason}\", reviewed by {reviewer}); commit it for review"));
        return ExitCodes.Clean;
    }
}
