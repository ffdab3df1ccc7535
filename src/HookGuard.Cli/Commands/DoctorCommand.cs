using HookGuard.Cli.CommandLine;
using HookGuard.Install;

namespace HookGuard.Cli.Commands;

/// <summary>
/// doctor: what runs in each git hook and whether HookGuard is among it, followed from the hook file to
/// the hook manager's configuration. A `lefthook install` or `npx husky` after `hookguard install` is
/// seen here, not discovered when a secret has gone through.
/// </summary>
internal static class DoctorCommand
{
    public static readonly CommandSpec Spec = new("doctor",
        "Lists each git hook, whether HookGuard runs in it and through what (its own hook, lefthook, husky, Husky.Net, the pre-commit framework). " +
        "Exit 0: commits are scanned; 1: protection is off or broken (the lines say why); 2: not a git repository.", []);

    public static int Run(ParsedArgs args)
    {
        var manager = HookManager.Detect(Environment.CurrentDirectory);
        Console.WriteLine($"hookguard doctor: hooks run by {manager.Name} ({manager.Evidence})");
        var statuses = HookCoverage.Check(manager, HookInstaller.DefaultHooks);
        foreach (var s in statuses)
        {
            var state = s.Runs ? "HookGuard runs" : "HookGuard does not run";
            Console.WriteLine($"  {s.Hook,-17} {state}: {s.How}");
            if (s.Problem is not null) Console.WriteLine($"  {"",-17} problem: {s.Problem}");
        }
        var off = Unprotected(statuses);
        if (off.Count == 0)
        {
            Console.WriteLine("hookguard doctor: protection is on");
            return ExitCodes.Clean;
        }
        foreach (var reason in off) Console.WriteLine($"hookguard doctor: protection is off: {reason}");
        if (manager.Kind == HookManagerKind.GitHooks) Console.WriteLine("  Run `hookguard install` to put HookGuard's hooks back.");
        else foreach (var line in ManagerSetup.Instructions(manager)) Console.WriteLine(line);
        return ExitCodes.Findings;
    }

    /// <summary>Commits unscanned (no pre-commit scan), or a scan set up somewhere that does not run or misses what it needs.</summary>
    public static List<string> Unprotected(IReadOnlyList<HookStatus> statuses)
    {
        var reasons = new List<string>();
        if (statuses.FirstOrDefault(s => s.Hook == "pre-commit") is { Runs: false } preCommit)
            reasons.Add("commits are not scanned (" + (preCommit.Problem ?? preCommit.How) + ")");
        reasons.AddRange(statuses.Where(s => s.IsBroken && !(s.Hook == "pre-commit" && !s.Runs)).Select(s => $"{s.Hook}: {s.Problem}"));
        return reasons;
    }

    /// <summary>
    /// At pre-push: a manager that took pre-commit over since HookGuard was set up (`lefthook install`,
    /// `npx husky`) would otherwise switch commit scanning off without a word.
    /// </summary>
    public static void WarnIfCommitsUnscanned()
    {
        try
        {
            var manager = HookManager.Detect(Environment.CurrentDirectory);
            var off = Unprotected(HookCoverage.Check(manager, ["pre-commit"]));
            foreach (var reason in off)
                Console.Error.WriteLine($"hookguard: warning: {reason}; run `hookguard doctor` to see what runs in each hook");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HookGuard.Platform.GitException)
        {
            Console.Error.WriteLine($"hookguard: warning: could not check that pre-commit still runs HookGuard: {e.Message}");
        }
    }
}
