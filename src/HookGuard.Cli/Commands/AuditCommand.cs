using HookGuard.Audit;
using HookGuard.Cli.CommandLine;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Scanning;
using HookGuard.Sources;
using HookGuard.Sources.Committed;

namespace HookGuard.Cli.Commands;

/// <summary>
/// The bypass audit: `git commit --no-verify` skips pre-commit but still runs post-commit, which
/// records a commit pre-commit never passed and warns at once if it adds a secret. `git merge
/// --no-verify` skips pre-merge-commit and runs post-merge, which does the same for the merge commit.
/// cherry-pick, revert and rebase run no pre-commit at all: their commits are labelled so (a rebase's
/// only when they add a secret, or each replayed commit would bury the real bypasses). The commit is
/// judged by the configuration committed before it, never by one it brings itself.
/// </summary>
public static class AuditCommand
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
        var entries = new BypassLog(Repository.Discover()).Entries();
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
        var repo = Repository.Find();
        var asPostMerge = args.Value(CommonOptions.Hook.Name) is "post-merge";
        var log = new BypassLog(repo);
        log.FollowAmend();
        var rebasing = Directory.Exists(Path.Combine(repo.GitDir, "rebase-merge")) || Directory.Exists(Path.Combine(repo.GitDir, "rebase-apply"));
        // Every ordinary commit: pre-commit passed exactly this change. The change's summary says so, read
        // in-process where it can be (no git started), else from git --raw (which reads no content); should
        // it differ, the patch's hash. None of them loads rules or scans.
        var passed = log.ConsumeMark();
        if (passed is not null && HeadChange.TryRead(repo) is { } headChange && headChange.Matches(passed.Summary)) return ExitCodes.Clean;
        if (CommittedChange.OfHead(repo) is not { } change) return ExitCodes.Clean; // nothing committed after all
        var (commit, baseRev, summary) = change;
        // post-merge also follows fast-forwards, squashes and pulls that made no merge commit here.
        if (asPostMerge && !IsMergeJustMade(change)) return ExitCodes.Clean;
        if (passed is not null)
        {
            if (summary.Matches(passed.Summary)) return ExitCodes.Clean;
            // No patch hash: pre-commit read the change itself, and its summary is all there is to compare.
            if (passed.Patch.Length > 0)
            {
                using var hashed = GitDiff.Between(repo, baseRev, commit.Sha, hash: true);
                if (hashed.ReadHash() == passed.Patch) return ExitCodes.Clean;
            }
        }

        using var diff = GitDiff.Between(repo, baseRev, commit.Sha);
        // The configuration committed before this commit judges it: one it changes itself cannot relax its own verdict.
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), repo, baseRev == GitDiff.EmptyTree ? PolicyOrigin.Index : PolicyOrigin.Commit(baseRev));
        var source = new DiffSource(diff)
        {
            BinarySpecs = (path, _) => ($"{commit.Sha}:{path}", $"{baseRev}:{path}"),
        };
        var result = ScanRunner.Run(ctx, source);
        var how = HowMade(change.ReflogMessage, rebasing, asPostMerge);
        // A rebase replays commits pre-commit saw before: only a replay that adds a secret is worth a record.
        if (how == "rebase" && result.Policy.Blocking.Count == 0) return ExitCodes.Clean;
        log.Record(BypassLog.Entry(commit, result.Policy.Blocking, how));
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

    /// <summary>A merge commit this merge or pull just made ("merge topic: Merge made by the 'ort' strategy."), not a fast-forward.</summary>
    private static bool IsMergeJustMade(CommittedChange change) =>
        change.IsMerge && (change.ReflogMessage.StartsWith("merge", StringComparison.Ordinal) || change.ReflogMessage.StartsWith("pull", StringComparison.Ordinal))
        && !change.ReflogMessage.Contains("Fast-forward", StringComparison.Ordinal);

    /// <summary>How a commit pre-commit never passed was made, from HEAD's reflog message (or GIT_REFLOG_ACTION without a reflog).</summary>
    private static string HowMade(string reflogMessage, bool rebasing, bool asPostMerge)
    {
        var action = reflogMessage.Length > 0 ? reflogMessage : Environment.GetEnvironmentVariable("GIT_REFLOG_ACTION") ?? "";
        if (rebasing || action.StartsWith("rebase", StringComparison.Ordinal)) return "rebase";
        if (action.StartsWith("cherry-pick", StringComparison.Ordinal)) return "cherry-pick";
        if (action.StartsWith("revert", StringComparison.Ordinal)) return "revert";
        return asPostMerge ? "merge --no-verify" : "--no-verify";
    }
}
