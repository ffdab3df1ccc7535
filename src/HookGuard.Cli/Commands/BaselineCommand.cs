using HookGuard.Cli.CommandLine;
using HookGuard.Findings;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

/// <summary>Adoption: record the secrets already in a codebase so that only new ones block.</summary>
internal static class BaselineCommand
{
    private static readonly OptionSpec History = new("--history", "also record the secrets in every commit of the history");

    public static readonly CommandSpec CreateSpec = new("baseline create",
        "Scans the working tree (and with --history the history) and writes the baseline: fingerprints and locations, never secrets.",
        [History, CommonOptions.Config]);
    public static readonly CommandSpec UpdateSpec = new("baseline update", "Adds findings that are not in the baseline yet.", [History, CommonOptions.Config]);
    public static readonly CommandSpec PruneSpec = new("baseline prune", "Drops baseline entries that no longer occur.", [History, CommonOptions.Config]);

    public static int Create(ParsedArgs args) => Write(args, (_, current) => current, "recorded");

    public static int Update(ParsedArgs args) => Write(args, (old, current) => old.Concat(current), "now holds");

    public static int Prune(ParsedArgs args) =>
        Write(args, (old, current) => old.Where(e => current.Any(c => c.Fingerprint == e.Fingerprint)), "kept");

    private static int Write(ParsedArgs args, Func<IEnumerable<BaselineEntry>, List<BaselineEntry>, IEnumerable<BaselineEntry>> merge, string verb)
    {
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false);
        var findings = CurrentFindings(ctx, args.Has(History.Name));
        var current = Baseline.FromFindings(findings).Entries.ToList();
        var old = ctx.Baseline?.Entries ?? [];
        var baseline = new Baseline(merge(old, current));
        baseline.Save(ctx.BaselinePath);
        Console.WriteLine(TerminalText.Escape($"hookguard: {Path.GetFileName(ctx.BaselinePath)} {verb} {baseline.Entries.Count} finding(s); commit it so that only new secrets block"));
        return ExitCodes.Clean;
    }

    /// <summary>Every finding in the working tree (and history), before any allowlist or baseline.</summary>
    private static List<Finding> CurrentFindings(RepoContext ctx, bool history)
    {
        var findings = new List<Finding>();
        findings.AddRange(ScanRunner.Run(ctx, ScanSource.TrackedFiles).AllFindings);
        if (history)
        {
            if (ctx.Repository is null) throw new UsageException("--history needs a git repository");
            findings.AddRange(ScanRunner.Run(ctx, new CommitsSource(["--all"])).AllFindings);
        }
        return findings;
    }
}
