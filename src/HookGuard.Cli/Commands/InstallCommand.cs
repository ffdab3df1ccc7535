using HookGuard.Cli.CommandLine;
using HookGuard.Git;
using HookGuard.Install;
using HookGuard.Reporting;
using HookGuard.Text;

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
        var hooks = SelectedHooks(args);
        foreach (var change in Installer().Install(hooks)) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
        // A submodule is a repository of its own, with its own hooks folder: commits made in its work
        // tree run its hooks, not these. Each initialised one gets them too.
        var submodules = Submodules();
        foreach (var submodule in submodules)
            foreach (var change in Installer(submodule).Install(hooks))
                Console.WriteLine(TerminalText.Escape($"hookguard: submodule {Path.GetRelativePath(Environment.CurrentDirectory, submodule)}: {change.Hook}: {change.What}"));
        if (File.Exists(Path.Combine(Environment.CurrentDirectory, ".gitmodules")))
            Console.WriteLine($"hookguard: {submodules.Count} initialised submodule(s) protected; one initialised later is not until `hookguard install` runs again here " +
                "(or `git submodule foreach --recursive hookguard install`)");
        if (args.Has(Husky.Name))
            foreach (var line in HuskyTasks.Install(Environment.CurrentDirectory)) Console.WriteLine(TerminalText.Escape("hookguard: " + line));
        return ExitCodes.Clean;
    }

    public static int Uninstall(ParsedArgs args)
    {
        var hooks = args.Has(Hooks.Name) ? SelectedHooks(args) : HookInstaller.KnownHooks;
        var changes = Installer().Uninstall(hooks);
        foreach (var change in changes) Console.WriteLine(TerminalText.Escape($"hookguard: {change.Hook}: {change.What} ({change.Path})"));
        foreach (var submodule in Submodules())
            foreach (var change in Installer(submodule).Uninstall(hooks))
                Console.WriteLine(TerminalText.Escape($"hookguard: submodule {Path.GetRelativePath(Environment.CurrentDirectory, submodule)}: {change.Hook}: {change.What}"));
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

    /// <summary>The work trees of the initialised submodules, nested ones included; none without a .gitmodules (no git started).</summary>
    private static List<string> Submodules()
    {
        if (!File.Exists(Path.Combine(Environment.CurrentDirectory, ".gitmodules"))) return [];
        var output = GitProcess.Capture(Environment.CurrentDirectory, "submodule", "foreach", "--quiet", "--recursive", "pwd") ?? "";
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static HookInstaller Installer(string? workTree = null)
    {
        var dir = HookInstaller.HooksDirectory(workTree ?? Environment.CurrentDirectory);
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
