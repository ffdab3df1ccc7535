using HookGuard.Cli.CommandLine;
using HookGuard.Install;

namespace HookGuard.Cli.Commands;

/// <summary>
/// Husky.Net integration through its own task file only: two tasks in .husky/task-runner.json, which the
/// team's .husky scripts run by group. Nothing per-user goes into the tracked folder: a task calls
/// `dotnet hookguard` when the repository's tool manifest has HookGuard, else `hookguard` from PATH.
/// The file is edited as text (<see cref="JsonTaskList"/>), so uninstall gives it back byte for byte.
/// </summary>
internal static class HuskyTasks
{
    private static readonly (string Name, string Group, string Args)[] Tasks =
    [
        ("hookguard-pre-commit", "pre-commit", "\"scan\", \"--staged\", \"--hook\", \"pre-commit\""),
        // Husky.Net gives tasks no stdin: the pre-push script hands the refs over in HOOKGUARD_PUSH_REFS and the remote as --args.
        ("hookguard-pre-push", "pre-push", "\"scan\", \"--pre-push\", \"${args}\", \"--hook\", \"pre-push\""),
    ];

    public static int Install(HookManager manager)
    {
        var missing = new List<string>();
        if (!RunsGroup(manager.Root, "pre-commit")) missing.Add($"  .husky/pre-commit: {ManagerSetup.HuskyNetPreCommit}");
        if (!RunsGroup(manager.Root, "pre-push") || !File.ReadAllText(Path.Combine(manager.Root, ".husky", "pre-push")).Contains("HOOKGUARD_PUSH_REFS", StringComparison.Ordinal))
            missing.Add($"  .husky/pre-push:   {ManagerSetup.HuskyNetPrePush}");
        var path = Path.Combine(manager.Root, HookManager.HuskyNetTaskRunner);
        var text = Read(path);
        var names = JsonTaskList.Names(text);
        var command = LocalToolManifestHasHookGuard(manager.Root) ? ("dotnet", "\"hookguard\", ") : ("hookguard", "");
        foreach (var (name, group, args) in Tasks)
        {
            if (names.Contains(name))
            {
                Console.WriteLine($"hookguard: husky: task {name} already in {HookManager.HuskyNetTaskRunner}");
                continue;
            }
            text = JsonTaskList.Append(text, $"{{ \"name\": \"{name}\", \"group\": \"{group}\", \"command\": \"{command.Item1}\", \"args\": [{command.Item2}{args}] }}");
            Console.WriteLine($"hookguard: husky: added task {name} (group {group}, runs `{command.Item1} {(command.Item2.Length > 0 ? "hookguard " : "")}scan`) to {HookManager.HuskyNetTaskRunner}");
        }
        Write(path, text);
        if (missing.Count > 0)
        {
            // The tasks are HookGuard's part; the scripts are the team's, and run nothing of it until they run the groups.
            Console.Error.WriteLine($"hookguard: husky: not protected yet: these Husky.Net scripts do not run HookGuard's group; add the line to each (before any `exit`) and commit them:");
            foreach (var line in missing) Console.Error.WriteLine(line);
            Console.Error.WriteLine("hookguard: husky: `hookguard doctor` says when commits are scanned");
        }
        if (command.Item1 == "hookguard")
            Console.WriteLine("hookguard: husky: the tasks call `hookguard` from PATH (install.sh links it into ~/.local/bin); with HookGuard in the repository's tool manifest they call `dotnet hookguard`");
        return ExitCodes.Clean;
    }

    public static int Uninstall(HookManager manager)
    {
        var path = Path.Combine(manager.Root, HookManager.HuskyNetTaskRunner);
        if (!File.Exists(path))
        {
            Console.WriteLine($"hookguard: husky: no {HookManager.HuskyNetTaskRunner}");
            return ExitCodes.Clean;
        }
        var text = Read(path);
        var removed = Tasks.Aggregate(text, (t, task) => JsonTaskList.Remove(t, task.Name));
        if (removed != text) Write(path, removed);
        Console.WriteLine(removed != text
            ? $"hookguard: husky: removed HookGuard's tasks from {HookManager.HuskyNetTaskRunner}"
            : $"hookguard: husky: no HookGuard tasks in {HookManager.HuskyNetTaskRunner}");
        return ExitCodes.Clean;
    }

    // As bytes: a byte-order mark stays a character of the text and is written back as it was.
    private static void Write(string path, string text) => File.WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    private static string Read(string path)
    {
        var text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
        try
        {
            JsonTaskList.Names(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
        return text;
    }

    /// <summary>Whether the .husky script of this hook runs the Husky.Net group of that name (a run without --group runs every task).</summary>
    private static bool RunsGroup(string root, string hook)
    {
        var script = Path.Combine(root, ".husky", hook);
        if (!File.Exists(script)) return false;
        var lines = File.ReadAllLines(script).Select(l => l.Trim()).Where(l => !l.StartsWith('#')).ToList();
        var run = lines.FindIndex(l => l.Contains("husky run", StringComparison.Ordinal) && l.Contains($"--group {hook}", StringComparison.Ordinal));
        // A line after an unconditional exit never runs.
        var exit = lines.FindIndex(l => l.StartsWith("exit", StringComparison.Ordinal));
        return run >= 0 && (exit < 0 || exit > run);
    }

    private static bool LocalToolManifestHasHookGuard(string root)
    {
        var manifest = Path.Combine(root, ".config", "dotnet-tools.json");
        return File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"hookguard\"", StringComparison.OrdinalIgnoreCase);
    }
}
