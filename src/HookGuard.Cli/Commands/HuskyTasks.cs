using System.Text.Json.Nodes;
using HookGuard.Cli.CommandLine;
using HookGuard.Install;

namespace HookGuard.Cli.Commands;

/// <summary>
/// Husky.Net integration through its own files: tasks in .husky/task-runner.json, and the
/// .husky/pre-commit and pre-push scripts running their group. Existing tasks are left untouched.
/// </summary>
public static class HuskyTasks
{
    private const string TaskRunner = ".husky/task-runner.json";
    private static readonly (string Name, string Group, string[] Args)[] Tasks =
    [
        ("hookguard-pre-commit", "pre-commit", ["scan", "--staged", "--hook", "pre-commit"]),
        // Husky.Net gives tasks no stdin; the pre-push script hands the refs over in HOOKGUARD_PUSH_REFS.
        ("hookguard-pre-push", "pre-push", ["scan", "--pre-push", "origin", "--hook", "pre-push"]),
    ];

    public static List<string> Install(string workingDirectory)
    {
        var root = RepoRoot(workingDirectory);
        var path = Path.Combine(root, TaskRunner);
        var doc = Read(path);
        var tasks = doc["tasks"] as JsonArray ?? [];
        doc["tasks"] = tasks;
        var said = new List<string>();
        foreach (var (name, group, args) in Tasks)
        {
            if (tasks.OfType<JsonObject>().Any(t => (string?)t["name"] == name))
            {
                said.Add($"husky: task {name} already in {TaskRunner}");
                continue;
            }
            var task = new JsonObject
            {
                ["name"] = name,
                ["group"] = group,
                ["command"] = "hookguard",
                ["args"] = new JsonArray([.. args.Select(a => (JsonNode?)JsonValue.Create(a))]),
            };
            tasks.Add((JsonNode)task);
            said.Add($"husky: added task {name} (group {group}) to {TaskRunner}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Write(path, doc);
        said.Add(EnsureHookRuns(root, "pre-commit", "dotnet husky run --group pre-commit"));
        said.Add(EnsureHookRuns(root, "pre-push", "HOOKGUARD_PUSH_REFS=$(cat) dotnet husky run --group pre-push"));
        return said;
    }

    public static List<string> Uninstall(string workingDirectory)
    {
        var path = Path.Combine(RepoRoot(workingDirectory), TaskRunner);
        if (!File.Exists(path)) return [$"husky: no {TaskRunner}"];
        var doc = Read(path);
        if (doc["tasks"] is JsonArray tasks)
            foreach (var task in tasks.OfType<JsonObject>().Where(t => Tasks.Any(k => k.Name == (string?)t["name"])).ToList())
                tasks.Remove(task);
        Write(path, doc);
        return [$"husky: removed HookGuard's tasks from {TaskRunner}"];
    }

    private static void Write(string path, JsonObject doc) =>
        File.WriteAllText(path, doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");

    private static JsonObject Read(string path)
    {
        if (!File.Exists(path)) return new JsonObject { ["$schema"] = "https://alirezanet.github.io/Husky.Net/schema.json" };
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions
            { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new UsageException($"{path}: not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UsageException($"{path}:{e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
    }

    /// <summary>Adds the group's run line to a .husky hook script unless it already runs that group.</summary>
    private static string EnsureHookRuns(string root, string hook, string line)
    {
        var path = Path.Combine(root, ".husky", hook);
        var text = File.Exists(path) ? File.ReadAllText(path) : "#!/bin/sh\n. \"$(dirname \"$0\")/_/husky.sh\"\n";
        if (text.Contains($"--group {hook}", StringComparison.Ordinal)) return $"husky: .husky/{hook} already runs the {hook} group";
        ExecutableScript.Write(path, text.TrimEnd('\n') + "\n\n" + line + "\n");
        return $"husky: .husky/{hook} now runs the {hook} group";
    }

    private static string RepoRoot(string workingDirectory) =>
        HookGuard.Git.GitProcess.Capture(workingDirectory, "rev-parse", "--show-toplevel")?.Trim() is { Length: > 0 } root
            ? root
            : throw new UsageException($"{workingDirectory} is not inside a git repository");
}
