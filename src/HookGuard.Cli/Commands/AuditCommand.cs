using HookGuard.Audit;
using HookGuard.Cli.CommandLine;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

/// <summary>
/// The bypass audit's commands: `audit` lists the commits made without the pre-commit scan; `audit
/// record` (post-commit, post-merge) records one (<see cref="BypassAudit"/>) and warns at once if it
/// adds a secret.
/// </summary>
internal static class AuditCommand
{
    public static readonly CommandSpec ListSpec = new("audit",
        "Lists the commits made here without the pre-commit scan (git commit or merge --no-verify, cherry-pick, revert; rebased commits that add a secret), with what each adds.",
        [CommonOptions.ListFormat]);

    public static readonly CommandSpec RecordSpec = new("audit record",
        "post-commit, post-merge: records HEAD as a bypass unless pre-commit passed exactly its patch, and warns if it adds a secret.",
        [CommonOptions.Hook, CommonOptions.Config, CommonOptions.NoColor]);

    /// <summary>What the audit cannot know, said wherever it lists what it does know.</summary>
    public const string Unseen =
        "Not seen here: commits made in other clones, with hooks switched off (core.hooksPath, -c core.hooksPath=...) or by tools that run no hooks; " +
        "rebased commits that add no secret; a recorded commit later rebased keeps its old id (amends are followed). The pre-push scan covers every pushed commit.";

    public static int List(ParsedArgs args)
    {
        var entries = BypassAudit.Entries();
        if (args.Value(CommonOptions.ListFormat.Name) is "json")
        {
            Console.WriteLine(BypassLog.ToJson(entries));
            return ExitCodes.Clean;
        }
        foreach (var e in entries)
            Console.WriteLine(TerminalText.Escape($"{e.Commit[..Math.Min(10, e.Commit.Length)]}  {e.Time:yyyy-MM-dd HH:mm}  {e.Author}: {e.Subject}  made without pre-commit ({e.How})" +
                (e.AmendedFrom is { } from ? $", amended from {from[..Math.Min(10, from.Length)]}" : "") + "  " +
                (e.Findings.Count == 0 ? "(no secrets)" : $"{e.Findings.Count} secret(s): " + string.Join(", ", e.Findings.Select(f => $"{f.RuleId} at {f.Path}:{f.Line}")))));
        Console.WriteLine($"{entries.Count} commit(s) made without the pre-commit scan; the next push scans them with the rest");
        Console.WriteLine(Unseen);
        return ExitCodes.Clean;
    }

    public static int Record(ParsedArgs args)
    {
        if (BypassAudit.RecordHead(args.Value(CommonOptions.Config.Name), asPostMerge: args.Value(CommonOptions.Hook.Name) is "post-merge") is not { } recorded)
            return ExitCodes.Clean;
        var (commit, how, result) = recorded;
        Console.Error.WriteLine($"hookguard: commit {commit.ShortSha} was made without the pre-commit scan ({how}); it is recorded for `hookguard audit`.");
        if (result.Policy.Blocking.Count == 0) return ExitCodes.Clean;
        var color = !args.Has(CommonOptions.NoColor.Name) && Environment.GetEnvironmentVariable("NO_COLOR") is null or "" && !Console.IsErrorRedirected;
        new TextReporter(color).Write(new ScanReport
        {
            Mode = ScanMode.Range,
            Findings = result.Policy.Blocking,
            Allowed = result.Policy.Allowed,
            Stats = result.Stats,
            Hook = "post-commit",
        }, Console.Error);
        return ExitCodes.Findings;
    }
}
