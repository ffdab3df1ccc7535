using System.Text.Json;
using HookGuard.Cli.CommandLine;
using HookGuard.Findings;
using HookGuard.Git;
using HookGuard.Git.Committed;
using HookGuard.Policy;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

/// <summary>
/// The bypass audit: `git commit --no-verify` skips pre-commit but still runs post-commit, which
/// records a commit pre-commit never passed and warns at once if it adds a secret.
/// </summary>
public static class AuditCommand
{
    private static readonly OptionSpec Hook = new("--hook", "the git hook this runs as (set by the installed post-commit hook)", "NAME");

    public static readonly CommandSpec ListSpec = new("audit",
        "Lists the commits made here without the pre-commit scan (git commit --no-verify), with what each adds.",
        [CommonOptions.Format]);

    public static readonly CommandSpec RecordSpec = new("audit record",
        "post-commit: records HEAD as a bypass unless pre-commit passed exactly its patch, and warns if it adds a secret.",
        [Hook, CommonOptions.Config, CommonOptions.NoColor]);

    public static int List(ParsedArgs args)
    {
        var entries = new BypassLog(Repository.Discover()).Entries();
        if (args.Value(CommonOptions.Format.Name) is "json")
        {
            using var stdout = Console.OpenStandardOutput();
            using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
            json.WriteStartArray();
            foreach (var e in entries) BypassLog.Write(json, e);
            json.WriteEndArray();
            json.Flush();
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Clean;
        }
        foreach (var e in entries)
            Console.WriteLine(TerminalText.Escape($"{e.Commit[..Math.Min(10, e.Commit.Length)]}  {e.Time:yyyy-MM-dd HH:mm}  {e.Author}: {e.Subject}  " +
                (e.Findings.Count == 0 ? "(no secrets)" : $"{e.Findings.Count} secret(s): " + string.Join(", ", e.Findings.Select(f => $"{f.RuleId} at {f.Path}:{f.Line}")))));
        Console.WriteLine($"{entries.Count} commit(s) made without the pre-commit scan; the next push scans them with the rest");
        return ExitCodes.Clean;
    }

    public static int Record(ParsedArgs args)
    {
        var repo = Repository.Find();
        // A rebase replays commits without running pre-commit (their originals were scanned); pre-push
        // scans the result. Recording each replayed commit would only bury real bypasses.
        if (Directory.Exists(Path.Combine(repo.GitDir, "rebase-merge")) || Directory.Exists(Path.Combine(repo.GitDir, "rebase-apply")))
            return ExitCodes.Clean;
        // Every ordinary commit: pre-commit passed exactly this change. The change's summary says so, read
        // in-process where it can be (no git started), else from git --raw (which reads no content); should
        // it differ, the patch's hash. None of them loads rules or scans.
        var passed = new BypassLog(repo).ConsumeMark();
        if (passed is not null && HeadChange.TryRead(repo) is { } headChange && headChange.Matches(passed.Summary)) return ExitCodes.Clean;
        if (CommittedChange.OfHead(repo) is not var (commit, baseRev, summary)) return ExitCodes.Clean; // nothing committed after all
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
        var ctx = RepoContext.Load(args, repo);
        var source = new ScanSource(ScanMode.Staged, [], [], diff)
        {
            BinarySpecs = (path, _) => ($"{commit.Sha}:{path}", $"{baseRev}:{path}"),
        };
        var result = ScanRunner.Run(ctx, source);
        new BypassLog(repo).Record(BypassLog.Entry(commit, result.Policy.Blocking));
        Console.Error.WriteLine($"hookguard: commit {commit.ShortSha} was made without the pre-commit scan (--no-verify); it is recorded for `hookguard audit`.");
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
