using System.Diagnostics;
using HookGuard.Config;
using HookGuard.Findings;
using HookGuard.Matching;
using HookGuard.Matching.Generic;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Sources;

namespace HookGuard.Scanning;

/// <summary>
/// Where the added lines come from: the kind of source decides which reader runs (the report's
/// <see cref="ScanMode"/> only says how the result is printed).
/// </summary>
internal abstract record ScanSource
{
    /// <summary>The working tree's tracked files (baselines, audits): not ignored build output or dependencies.</summary>
    public static ScanSource TrackedFiles { get; } = new TrackedFilesSource();
}

/// <summary>Files and folders on disk, no git needed; none: the repository's root (or the current folder).</summary>
internal sealed record PathsSource(IReadOnlyList<string> Paths) : ScanSource;

/// <summary>The files git tracks in the working tree.</summary>
internal sealed record TrackedFilesSource : ScanSource;

/// <summary>One diff, already running (the staged change, or one commit for the audit).</summary>
internal sealed record DiffSource(GitDiff Diff) : ScanSource
{
    /// <summary>Where the two versions of a file the diff showed as binary are, for decoding UTF-16 text.</summary>
    public EncodedTextFiles.SpecsFor BinarySpecs { get; init; } = EncodedTextFiles.Staged;
}

/// <summary>The commits git log lists for these revisions (a range, a push, the history), oldest first.</summary>
internal sealed record CommitsSource(IReadOnlyList<string> Revisions) : ScanSource;

/// <summary>The pipeline glue: source → matcher → findings → policy. Reporting is the caller's.</summary>
internal static class ScanRunner
{
    public sealed record Result(IReadOnlyList<Finding> AllFindings, PolicyResult Policy, ScanStats Stats);

    /// <param name="showProgress">Draw a progress line on stderr (a terminal) while commits are read.</param>
    public static Result Run(RepoContext ctx, ScanSource source, bool allOccurrences = false, bool showProgress = false)
    {
        var clock = Stopwatch.StartNew();
        // Histories are matched on worker threads while git streams and this thread parses. git log takes
        // a core of its own, so on 2 cores the hand-off costs more than it saves; one commit's diff is
        // never worth a thread.
        var threads = source is CommitsSource && Environment.ProcessorCount >= 4
            ? Environment.ProcessorCount - 2
            : 0;
        using var scanner = new LineScanner(ctx.Rules, Includes(ctx), ctx.Config.MaxFileSize, threads,
            ctx.Config.GenericThreshold is { } threshold ? new GenericScoring(threshold) : null);
        switch (source)
        {
            case TrackedFilesSource when ctx.Repository is { } repo:
                FileTreeSource.ScanFiles(repo.Root, repo.TrackedFiles(), scanner, ctx.Config.MaxFileSize);
                break;
            case TrackedFilesSource:
                FileTreeSource.Scan([ctx.Root], scanner, ctx.Config.MaxFileSize);
                break;
            case PathsSource paths:
                FileTreeSource.Scan(paths.Paths.Count > 0 ? paths.Paths : [ctx.Root], scanner, ctx.Config.MaxFileSize);
                break;
            case DiffSource diff:
                EncodedTextFiles.Read(ctx.Repository!, diff.Diff, scanner, diff.BinarySpecs);
                break;
            case CommitsSource { Revisions.Count: > 0 } commits:
                using (var progress = showProgress
                    ? new ProgressLine(scanner.Stats, CommitLog.Count(ctx.Repository!, commits.Revisions), Console.Error, TimeSpan.FromMilliseconds(100))
                    : null)
                {
                    var grafts = ShallowHistory.Grafts(ctx.Repository!);
                    var watch = grafts.Count > 0 ? new ShallowHistory.GraftWatch(scanner, grafts) : null;
                    EncodedTextFiles.ReadHistory(ctx.Repository!, commits.Revisions, (IPatchSink?)watch ?? scanner, scanner);
                    foreach (var graft in watch?.Met ?? []) scanner.Stats.Warnings.Add(ShallowHistory.Warning(graft));
                }
                break;
        }
        var all = OwnFiles.LeaveOutWrittenBaseline(scanner.Finish(), ctx, staged: source is DiffSource);
        if (ctx.Config.PathInFingerprint) all = all.ConvertAll(f => f.WithPathInFingerprint());
        FingerprintsInParallel(all, ctx.Config.PathInFingerprint);
        // The policy judges every occurrence before any is folded into another: an allowed copy of a
        // secret must not stand for an un-allowed copy of it elsewhere.
        var policy = new PolicyEngine(ctx.Config, ctx.Baseline).Apply(all);
        var onePerSecret = source is CommitsSource && !allOccurrences;
        if (onePerSecret)
            policy = new PolicyResult(FirstIntroductions(policy.Blocking), FirstIntroductions(policy.Allowed, a => a.Finding));
        scanner.Stats.ElapsedMs = clock.Elapsed.TotalMilliseconds;
        return new Result(onePerSecret ? FirstIntroductions(all) : all, policy, scanner.Stats);
    }

    /// <summary>Fingerprints are deliberately slow to compute (docs/DESIGN.md): the distinct ones of a scan are computed on every core.</summary>
    private static void FingerprintsInParallel(List<Finding> findings, bool pathInFingerprint)
    {
        if (findings.Count < 2) return;
        var distinct = findings.DistinctBy(f => (f.Rule.Id, f.KeyMaterial ?? f.Secret, pathInFingerprint ? f.Path : null)).ToList();
        Parallel.ForEach(distinct, f => _ = f.Fingerprint);
    }

    /// <summary>History is read oldest first, so the first occurrence of a fingerprint is the commit that introduced it.</summary>
    private static List<Finding> FirstIntroductions(IEnumerable<Finding> findings) => FirstIntroductions(findings, f => f);

    private static List<T> FirstIntroductions<T>(IEnumerable<T> items, Func<T, Finding> finding)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return items.Where(i => seen.Add(finding(i).Fingerprint)).ToList();
    }

    /// <summary>The config's path filter. HookGuard's own files are scanned like any other (see <see cref="OwnFiles"/>).</summary>
    private static Func<string, bool> Includes(RepoContext ctx) => ctx.Config.Paths.Includes;
}
