using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Install;

/// <summary>
/// Reads the hook managers' own configuration for one question: does it run a HookGuard scan in a
/// given git hook, and does that scan get what it needs (pre-push: git's refs on stdin)?
/// </summary>
internal static partial class ManagerConfigs
{
    /// <summary>
    /// A scan call (`hookguard scan`, or `dotnet hookguard scan` from a local tool) or the bypass audit's
    /// `hookguard audit record`, not in a comment.
    /// </summary>
    [GeneratedRegex(@"^[^#\n]*\bhookguard(\.exe)?['""]?\s+(\S+\s+)*?(scan|audit\s+record)\b", RegexOptions.Multiline)]
    private static partial Regex ScanCall();

    public static bool CallsScan(string text) => ScanCall().IsMatch(text);

    /// <summary>lefthook: a command, job or script of this hook whose `run` calls the scan; for pre-push, with use_stdin.</summary>
    public static (bool Runs, string How, string? Problem) Lefthook(string root, string hook)
    {
        foreach (var name in HookManager.LefthookConfigs.Concat(["lefthook-local.yml", "lefthook-local.yaml"]))
        {
            var path = Path.Combine(root, name);
            if (!File.Exists(path) || Load(path) is not YamlMappingNode doc) continue;
            if (!doc.Children.TryGetValue(new YamlScalarNode(hook), out var section) || section is not YamlMappingNode hookNode) continue;
            foreach (var entry in Entries(hookNode))
            {
                if (entry.Children.TryGetValue(new YamlScalarNode("run"), out var run) && run is YamlScalarNode { Value: { } command } && CallsScan(command))
                {
                    var stdin = entry.Children.TryGetValue(new YamlScalarNode("use_stdin"), out var s) && s is YamlScalarNode { Value: "true" };
                    if (hook == "pre-push" && !stdin)
                        return (true, $"{name} {hook}: {command}", "without `use_stdin: true` lefthook hands no refs over, so a push of a branch other than the checked-out one is not scanned");
                    return (true, $"{name} {hook}: {command}", null);
                }
            }
        }
        return (false, "", null);
    }

    private static IEnumerable<YamlMappingNode> Entries(YamlMappingNode hookNode)
    {
        foreach (var key in new[] { "commands", "scripts" })
            if (hookNode.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode map)
                foreach (var value in map.Children.Values.OfType<YamlMappingNode>()) yield return value;
        if (hookNode.Children.TryGetValue(new YamlScalarNode("jobs"), out var jobs) && jobs is YamlSequenceNode list)
            foreach (var job in list.Children.OfType<YamlMappingNode>()) yield return job;
    }

    private static readonly Dictionary<string, string[]> PreCommitStages = new()
    {
        ["pre-commit"] = ["pre-commit", "commit"],
        ["pre-merge-commit"] = ["pre-merge-commit", "merge-commit"],
        ["pre-push"] = ["pre-push", "push"],
        ["post-commit"] = ["post-commit"],
        ["post-merge"] = ["post-merge"],
    };

    /// <summary>The pre-commit framework: a hook of .pre-commit-config.yaml that scans with HookGuard at this stage.</summary>
    public static (bool Runs, string How) PreCommit(string root, string hook)
    {
        if (!PreCommitStages.TryGetValue(hook, out var stageNames)) return (false, "");
        if (Load(Path.Combine(root, HookManager.PreCommitConfig)) is not YamlMappingNode doc) return (false, "");
        if (!doc.Children.TryGetValue(new YamlScalarNode("repos"), out var repos) || repos is not YamlSequenceNode repoList) return (false, "");
        foreach (var repo in repoList.Children.OfType<YamlMappingNode>())
        {
            if (!repo.Children.TryGetValue(new YamlScalarNode("hooks"), out var hooks) || hooks is not YamlSequenceNode hookList) continue;
            foreach (var entry in hookList.Children.OfType<YamlMappingNode>())
            {
                var id = Scalar(entry, "id") ?? "";
                var command = Scalar(entry, "entry");
                // The manifest's own stages: hookguard at commit and merge, hookguard-pre-push at push.
                string[] manifestStages = id == "hookguard-pre-push" ? ["push"] : id == "hookguard" ? ["commit", "merge-commit"] : [];
                var isOurs = command is not null ? CallsScan(command) : manifestStages.Length > 0;
                if (!isOurs) continue;
                var stages = entry.Children.TryGetValue(new YamlScalarNode("stages"), out var s) && s is YamlSequenceNode seq
                    ? seq.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToArray()
                    : command is null ? manifestStages : [];
                if (stages.Length == 0 || stages.Any(stageNames.Contains))
                    return (true, $"{HookManager.PreCommitConfig} hook {id}");
            }
        }
        return (false, "");
    }

    /// <summary>Husky.Net: a task of the group this hook's script runs, calling the scan.</summary>
    public static (bool Runs, string How, string? Problem) HuskyNet(string root, string hook)
    {
        var script = Path.Combine(root, ".husky", hook);
        if (!File.Exists(script)) return (false, "", null);
        var text = File.ReadAllText(script);
        var runLine = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => !l.StartsWith('#') && l.Contains("husky run", StringComparison.Ordinal));
        if (runLine is null) return (false, "", null);
        var group = Regex.Match(runLine, @"--group\s+(\S+)") is { Success: true } m ? m.Groups[1].Value.Trim('"', '\'') : null;
        var onlyName = Regex.Match(runLine, @"--name\s+(\S+)") is { Success: true } nm ? nm.Groups[1].Value.Trim('"', '\'') : null;
        var path = Path.Combine(root, HookManager.HuskyNetTaskRunner);
        if (!File.Exists(path)) return (false, "", null);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!json.RootElement.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array) return (false, "", null);
            foreach (var task in tasks.EnumerateArray())
            {
                var words = new List<string>();
                if (task.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String) words.Add(c.GetString()!);
                if (task.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array)
                    words.AddRange(a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                if (!CallsScan(string.Join(' ', words))) continue;
                var taskGroup = task.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
                var name = task.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "(unnamed)";
                if ((group is null || string.Equals(group, taskGroup, StringComparison.OrdinalIgnoreCase))
                    && (onlyName is null || string.Equals(onlyName, name, StringComparison.OrdinalIgnoreCase)))
                {
                    string? problem = hook == "pre-push" && !text.Contains("HOOKGUARD_PUSH_REFS", StringComparison.Ordinal)
                        ? ".husky/pre-push does not hand git's refs over in HOOKGUARD_PUSH_REFS (Husky.Net gives tasks no stdin)"
                        : null;
                    return (true, $".husky/{hook} runs `{runLine}`, task {name} in {HookManager.HuskyNetTaskRunner}", problem);
                }
            }
        }
        catch (JsonException) { return (false, "", $"{HookManager.HuskyNetTaskRunner} is not valid JSON"); }
        return (false, "", null);
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

    private static YamlNode? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            return null;
        }
    }
}
