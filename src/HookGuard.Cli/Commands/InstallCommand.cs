using HookGuard.Cli.CommandLine;
using HookGuard.Install;
using HookGuard.Platform;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

/// <summary>
/// install/uninstall: into the hooks folder when no hook manager owns it; through the manager's own
/// configuration when one does (Husky.Net's task file), or, where that configuration is the team's
/// shared file (lefthook, husky, the pre-commit framework), a refusal that prints the exact setup.
/// </summary>
internal static class InstallCommand
{
    private static readonly OptionSpec Hooks = new("--hooks", $"which hooks, comma-separated (default {string.Join(",", HookInstaller.DefaultHooks)})", "LIST",
        Refusal: list => HookList(list) is not { Length: > 0 } hooks ? $"names no hook (known: {KnownHookNames})"
            : hooks.FirstOrDefault(hook => !HookInstaller.KnownHooks.Contains(hook)) is { } unknown
                ? $"names an unknown hook '{unknown}' (known: {KnownHookNames})" : null);

    private static string KnownHookNames => string.Join(", ", HookInstaller.KnownHooks);
    private static readonly OptionSpec Husky = new("--husky", "Husky.Net: add HookGuard's tasks to .husky/task-runner.json (what install does anyway where Husky.Net runs the hooks)");

    public static readonly CommandSpec InstallSpec = new("install",
        "Installs HookGuard's git hooks into this repository's hooks folder (core.hooksPath honoured), chaining any hook already there. " +
        "Where a hook manager runs the hooks (husky, Husky.Net, lefthook, the pre-commit framework) it goes through the manager's configuration instead, " +
        "or says exactly what to add there (exit 2). Safe to run again.",
        [Hooks, Husky]);

    public static readonly CommandSpec UninstallSpec = new("uninstall",
        "Removes exactly what install added and restores the hooks it had chained.", [Hooks, Husky]);

    /// <summary>The hooks a manager's setup covers; pre-merge-commit and post-commit are HookGuard's own extras.</summary>
    private static readonly string[] ManagedHooks = ["pre-commit", "pre-push"];

    public static int Install(ParsedArgs args)
    {
        var hooks = SelectedHooks(args);
        var manager = HookManager.Detect(Environment.CurrentDirectory);
        if (args.Has(Husky.Name) && manager.Kind != HookManagerKind.HuskyNet)
            throw new UsageException("option '--husky': this repository's hooks are not run by Husky.Net (no core.hooksPath .husky with .husky/task-runner.json); " +
                "set it up first (`dotnet new tool-manifest && dotnet tool install Husky && dotnet husky install`) or install without --husky");
        var code = ExitCodes.Clean;
        switch (manager.Kind)
        {
            case HookManagerKind.GitHooks:
                foreach (var change in Installer(manager).Install(hooks)) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
                break;
            case HookManagerKind.HuskyNet:
                code = HuskyTasks.Install(manager);
                break;
            default:
                code = ThroughSharedConfiguration(manager, hooks);
                break;
        }
        // A submodule is a repository of its own, with its own hooks folder: commits made in its work
        // tree run its hooks, not these. Each initialised one gets them too.
        var submodules = Submodules();
        foreach (var submodule in submodules)
        {
            var inner = HookManager.Detect(submodule);
            var where = Path.GetRelativePath(Environment.CurrentDirectory, submodule);
            if (inner.Kind != HookManagerKind.GitHooks)
            {
                Console.WriteLine(TerminalText.Escape($"hookguard: submodule {where}: its hooks are run by {inner.Name}; run `hookguard install` there"));
                continue;
            }
            foreach (var change in Installer(inner).Install(hooks))
                Console.WriteLine(TerminalText.Escape($"hookguard: submodule {where}: {change.Hook}: {change.What}"));
        }
        if (File.Exists(Path.Combine(Environment.CurrentDirectory, ".gitmodules")))
            Console.WriteLine($"hookguard: {submodules.Count} initialised submodule(s) protected; one initialised later is not until `hookguard install` runs again here " +
                "(or `git submodule foreach --recursive hookguard install`)");
        return code;
    }

    public static int Uninstall(ParsedArgs args)
    {
        var manager = HookManager.Detect(Environment.CurrentDirectory);
        var hooks = args.Has(Hooks.Name) ? SelectedHooks(args) : HookInstaller.KnownHooks;
        var changes = Installer(manager).Uninstall(hooks);
        foreach (var change in changes) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
        foreach (var submodule in Submodules())
            if (HookManager.Detect(submodule) is { Kind: HookManagerKind.GitHooks } inner)
                foreach (var change in Installer(inner).Uninstall(hooks))
                    Console.WriteLine(TerminalText.Escape($"hookguard: submodule {Path.GetRelativePath(Environment.CurrentDirectory, submodule)}: {change.Hook}: {change.What}"));
        if (manager.Kind == HookManagerKind.HuskyNet || args.Has(Husky.Name))
            return HuskyTasks.Uninstall(manager);
        if (changes.Count == 0) Console.WriteLine("hookguard: no HookGuard hooks were installed here");
        if (!manager.TakesRawHooks)
            Console.WriteLine($"hookguard: HookGuard lines in {manager.Name}'s own configuration, if any, are the team's to remove");
        return ExitCodes.Clean;
    }

    /// <summary>
    /// lefthook, husky and the pre-commit framework rewrite the hook files, and their configuration is
    /// the team's tracked file: HookGuard says what to add there rather than editing it.
    /// </summary>
    private static int ThroughSharedConfiguration(HookManager manager, string[] hooks)
    {
        var wanted = hooks.Where(ManagedHooks.Contains).ToList();
        var statuses = HookCoverage.Check(manager, wanted);
        if (statuses.All(s => s.Runs && !s.IsBroken))
        {
            foreach (var s in statuses) Console.WriteLine($"hookguard: {s.Hook}: HookGuard runs through {s.How}");
            return ExitCodes.Clean;
        }
        Console.Error.WriteLine($"hookguard: this repository's hooks are run by {manager.Name} ({manager.Evidence});");
        Console.Error.WriteLine($"hookguard: HookGuard does not write into hooks {manager.Name} regenerates, so nothing was installed.");
        foreach (var s in statuses.Where(s => !s.Runs || s.IsBroken))
            Console.Error.WriteLine($"hookguard: {s.Hook}: {(s.Problem ?? "HookGuard does not run here")}");
        foreach (var line in ManagerSetup.Instructions(manager)) Console.Error.WriteLine(line);
        Console.Error.WriteLine("Then `hookguard doctor` shows what runs in each hook.");
        return ExitCodes.Usage;
    }

    private static string[] SelectedHooks(ParsedArgs args) => args.Value(Hooks.Name) is { } list ? HookList(list) : [.. HookInstaller.DefaultHooks];

    private static string[] HookList(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The work trees of the initialised submodules, nested ones included; none without a .gitmodules (no git started).</summary>
    private static List<string> Submodules()
    {
        if (!File.Exists(Path.Combine(Environment.CurrentDirectory, ".gitmodules"))) return [];
        var output = GitProcess.Capture(Environment.CurrentDirectory, "submodule", "foreach", "--quiet", "--recursive", "pwd") ?? "";
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static HookInstaller Installer(HookManager manager)
    {
        var (command, commandArgs) = ResolvedCommand();
        return new HookInstaller(manager.HooksDirectory, command, commandArgs);
    }

    /// <summary>
    /// The binary running now, so the hook calls it directly. Run through the dotnet muxer (a
    /// framework-dependent build), the hook calls `dotnet exec` on this assembly instead.
    /// </summary>
    private static (string Command, string Args) ResolvedCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where the hookguard binary is");
        var name = Path.GetFileNameWithoutExtension(process);
        if (!name.Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return (process, "");
        var assembly = Path.Combine(AppContext.BaseDirectory, "hookguard.dll");
        return (process, "exec " + HookInstaller.ShellQuote(assembly));
    }
}
