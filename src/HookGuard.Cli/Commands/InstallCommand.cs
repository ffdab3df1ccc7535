using HookGuard.Cli.CommandLine;
using HookGuard.Install;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

public static class InstallCommand
{
    private static readonly OptionSpec Hooks = new("--hooks", $"which hooks, comma-separated (default {string.Join(",", HookInstaller.DefaultHooks)})", "LIST");
    private static readonly OptionSpec Husky = new("--husky", "also add HookGuard's tasks to Husky.Net's .husky/task-runner.json");

    public static readonly CommandSpec InstallSpec = new("install",
        "Installs HookGuard's git hooks into this repository's hooks folder (core.hooksPath honoured), chaining any hook already there. Safe to run again.",
        [Hooks, Husky]);

    public static readonly CommandSpec UninstallSpec = new("uninstall",
        "Removes exactly what install added and restores the hooks it had chained.", [Hooks, Husky]);

    public static int Install(ParsedArgs args)
    {
        foreach (var change in Installer().Install(SelectedHooks(args))) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
        if (args.Has(Husky.Name))
            foreach (var line in HuskyTasks.Install(Environment.CurrentDirectory)) Console.WriteLine(TerminalText.Escape("hookguard: " + line));
        return ExitCodes.Clean;
    }

    public static int Uninstall(ParsedArgs args)
    {
        var changes = Installer().Uninstall(args.Has(Hooks.Name) ? SelectedHooks(args) : HookInstaller.KnownHooks);
        foreach (var change in changes) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
        if (changes.Count == 0) Console.WriteLine("hookguard: no HookGuard hooks were installed here");
        if (args.Has(Husky.Name))
            foreach (var line in HuskyTasks.Uninstall(Environment.CurrentDirectory)) Console.WriteLine(TerminalText.Escape("hookguard: " + line));
        return ExitCodes.Clean;
    }

    private static string[] SelectedHooks(ParsedArgs args)
    {
        var hooks = (args.Value(Hooks.Name) ?? string.Join(",", HookInstaller.DefaultHooks))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var hook in hooks.Where(h => !HookInstaller.KnownHooks.Contains(h)))
            throw new UsageException($"option '--hooks': unknown hook '{hook}' (known: {string.Join(", ", HookInstaller.KnownHooks)})");
        return hooks;
    }

    private static HookInstaller Installer()
    {
        var dir = HookInstaller.HooksDirectory(Environment.CurrentDirectory);
        var (command, commandArgs) = ResolvedCommand();
        return new HookInstaller(dir, command, commandArgs);
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
