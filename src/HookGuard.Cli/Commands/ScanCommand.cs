using HookGuard.Cli.CommandLine;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

internal static class ScanCommand
{
    private static readonly OptionSpec Staged = new("--staged", "the added lines of the index against HEAD (pre-commit)");
    private static readonly OptionSpec PrePush = new("--pre-push", "pre-push: the commits being pushed (refs from stdin or HOOKGUARD_PUSH_REFS)", "REMOTE [URL]", Values: 2);
    private static readonly OptionSpec Range = new("--range", "the added lines of every commit in A..B", "A..B",
        Refusal: range => range.StartsWith('-') || !range.Contains("..", StringComparison.Ordinal)
            ? $"takes A..B (for example origin/main..HEAD), not '{range}'" : null);
    private static readonly OptionSpec History = new("--history", "every commit reachable from any ref");
    private static readonly OptionSpec AllOccurrences = new("--all-occurrences", "in history scans, report a secret in every commit, not just where it was introduced");
    private static readonly OptionSpec PatchStdin = new("--patch-stdin",
        $"with --staged: read the staged diff from stdin, as the installed hook pipes it (git diff, then the line '{ScanSession.PatchEndMarker}')");

    private static readonly OptionSpec ConfigFrom = new("--config-from",
        "read .hookguard.yaml and the baseline as committed at REV (CI: the target branch); git modes otherwise read them from the base of what they scan", "REV");

    public static readonly CommandSpec Spec = new("scan",
        "Scans added lines (or whole files and folders; '-' is standard input, reported as 'stdin') for secrets. Exit 0: nothing found; 1: findings; 2: usage or configuration error; 3: internal error.",
        [Staged, PrePush, Range, History, AllOccurrences, CommonOptions.Hook, PatchStdin, ConfigFrom, .. CommonOptions.Reporting], "[PATH ...]");

    public static int Run(ParsedArgs args)
    {
        var modes = new[] { Staged, PrePush, Range, History }.Where(o => args.Has(o.Name)).ToList();
        if (modes.Count > 1) throw new UsageException($"choose one of {string.Join(", ", modes.Select(m => m.Name))}");
        if (modes.Count == 1 && args.Positionals.Count > 0)
            throw new UsageException($"{modes[0].Name} scans git changes; PATH arguments ({args.Positionals[0]}) go without it");
        var reporter = CommonOptions.Reporter(args);
        var hook = args.Value(CommonOptions.Hook.Name);

        var mode = modes.Count == 0 ? ScanMode.Files
            : modes[0] == Staged ? ScanMode.Staged
            : modes[0] == PrePush ? ScanMode.PrePush
            : modes[0] == Range ? ScanMode.Range
            : ScanMode.History;
        if (args.Has(PatchStdin.Name) && mode != ScanMode.Staged) throw new UsageException("--patch-stdin goes with --staged");
        var configFrom = args.Value(ConfigFrom.Name);
        if (configFrom is not null && args.Has(CommonOptions.Config.Name)) throw new UsageException("choose one of --config and --config-from");
        var request = new ScanRequest(mode, hook, args.Has(PatchStdin.Name), args.Value(CommonOptions.Config.Name), configFrom,
            mode == ScanMode.Range ? args.Value(Range.Name) : null,
            mode == ScanMode.PrePush ? args.Values(PrePush.Name)[0] : null);

        using var session = ScanSession.Open(request);
        if (request.Range is { } range) ScanInput.CheckRange(session.Repository!.Root, range, args, reporter);
        var (trusted, proposed, where) = session.PolicyOrigins();
        var ctx = session.LoadContext(trusted);
        var policyChanges = PolicyReview.Changes(args, ctx, mode, proposed, where);
        if (mode == ScanMode.Staged && hook is null) PolicyReview.NoteStagedPreview(args, ctx);
        using var stdin = ScanInput.StandardInputFolder(args.Positionals);
        // Silent unless a person watches: stderr a terminal, and not --quiet.
        var progress = !Console.IsErrorRedirected && !args.Has(CommonOptions.Quiet.Name);
        var result = session.Run(ctx, ScanInput.WithStandardInput(args.Positionals, stdin), args.Has(AllOccurrences.Name), progress);
        // What the scan could not see goes to stderr as well where the report does not reach it: JSON or
        // SARIF on stdout (with --output, Emit's summary on stderr says it), a text report written to a file.
        if (reporter is TextReporter == args.Value(CommonOptions.Output.Name) is not null)
            foreach (var warning in result.Stats.Warnings) Console.Error.WriteLine(TerminalText.Escape("hookguard: warning: " + warning));
        var report = new ScanReport
        {
            Mode = mode,
            Findings = result.Policy.Blocking,
            Allowed = result.Policy.Allowed,
            Stats = result.Stats,
            ShowSecrets = args.Has(CommonOptions.ShowSecrets.Name),
            Hook = hook,
            PolicyChanges = [.. policyChanges.Select(c => (c.Text, c.Relaxes))],
        };
        CommonOptions.Emit(args, reporter, report);
        if (hook == "pre-push") DoctorCommand.WarnIfCommitsUnscanned();
        if (report.Findings.Count > 0) return ExitCodes.Findings;
        session.MarkScanned(ctx);
        return ExitCodes.Clean;
    }
}
