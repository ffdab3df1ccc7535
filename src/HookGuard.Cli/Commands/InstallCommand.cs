using HookGuard.Cli.CommandLine;
using HookGuard.Install;

namespace HookGuard.Cli.Commands;

/// <summary>
/// install/uninstall: into the hooks folder when no hook manager owns it; through the manager's own
/// configuration when one does (Husky.Net's task file), or, where that configuration is the team's
/// shared file (lefthook, husky, the pre-commit framework), a refusal that prints the exact setup.
/// </summary>
public static class InstallCommand
{
    private static readonly OptionSpec Hooks = new("--hooks", $"which hooks, comma-separated (default {string.Join(",", HookInstaller.DefaultHooks)})", "LIST");
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
        switch (manager.Kind)
        {
            case HookManagerKind.GitHooks:
                foreach (var change in Installer(manager).Install(hooks)) Console.WriteLine($"hookguard: {change.Hook}: {change.What} ({change.Path})");
                return ExitCodes.Clean;
            case HookManagerKind.HuskyNet:
                return HuskyTasks.Install(manager);
            default:
                return ThroughSharedConfiguration(manager, hooks);
        }
    }

    public static int Uninstall(ParsedArgs args)
    {
        var manager = HookManager.Detect(Environment.CurrentDirectory);
        var changes = Installer(manager).Uninstall(args.Has(Hooks.Name) ? SelectedHooks(args) : HookInstaller.KnownHooks);
        foreach (var change in changes) Console.WriteLine($"hookguard: {change.Hook}: {change.What} ({change.Path})");
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

    private static string[] SelectedHooks(ParsedArgs args)
    {
        var hooks = (args.Value(Hooks.Name) ?? string.Join(",", HookInstaller.DefaultHooks))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var hook in hooks.Where(h => !HookInstaller.KnownHooks.Contains(h)))
            throw new UsageException($"option '--hooks': unknown hook '{hook}' (known: {string.Join(", ", HookInstaller.KnownHooks)})");
        return hooks;
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
