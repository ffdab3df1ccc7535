using System.Text.Json.Nodes;
using HookGuard.Install;
using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Managers;

/// <summary>
/// Husky.Net's file contract (its package is not served here): core.hooksPath .husky, task-runner.json,
/// and .husky scripts running `dotnet husky run --group ...`, run by a stand-in for `dotnet husky run`
/// that does what Husky.Net documents (husky-net/dotnet).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class HuskyNetSpecs
{
    private const string TaskRunner = """
        {
           "$schema": "https://alirezanet.github.io/Husky.Net/schema.json",
           "tasks": [
              {
                 "name": "team-check",
                 "group": "pre-commit",
                 "command": "sh",
                 "args": [ "-c", "touch \"$HOME/team-task-ran\"" ]
              }
           ]
        }

        """;

    private static ManagedClone HuskyNetClone(string? preCommit = null)
    {
        var clone = new ManagedClone();
        var sim = Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "tests", "HookGuard.Tests", "EndToEnd", "Managers", "husky-net");
        clone.Env["PATH"] = sim + ":" + clone.Env["PATH"];
        var lines = ReadmeSnippets.Get("husky-net").Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        clone.Local.Git("config", "core.hooksPath", ".husky");
        clone.Local.Write(".husky/_/husky.sh", "#!/bin/sh\n");
        clone.Local.Write(".husky/task-runner.json", TaskRunner);
        foreach (var (hook, line) in new[] { ("pre-commit", preCommit ?? lines[0]), ("pre-push", lines[1]) })
        {
            var path = clone.Local.Write(".husky/" + hook, $"#!/bin/sh\n. \"$(dirname \"$0\")/_/husky.sh\"\n\n{line}\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
        clone.CommitAndPushSetup();
        return clone;
    }

    [Test]
    public void Install_adds_only_tasks_and_they_scan_commits_and_pushes_and_uninstall_gives_the_file_back_byte_for_byte()
    {
        using var clone = HuskyNetClone();
        var path = Path.Combine(clone.Local.Root, ".husky", "task-runner.json");
        var original = File.ReadAllBytes(path);

        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(clone.HookGuard("install").ExitCode, Is.Zero, "idempotent");
        Assert.That(clone.Local.Git("status", "--porcelain").Trim(), Is.EqualTo("M .husky/task-runner.json"), "only the task file changed");
        var text = File.ReadAllText(path);
        Assert.That(text, Does.Not.Contain(HookGuardBinary.Path).And.Not.Contain(clone.Scratch), "nothing per-user in a tracked file");
        var tasks = JsonNode.Parse(text)!["tasks"]!.AsArray();
        Assert.That(tasks.Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "team-check", "hookguard-pre-commit", "hookguard-pre-push" }));
        Assert.That(File.Exists(Path.Combine(clone.Local.Root, ".git", "hooks", "pre-commit")), Is.False, "no raw hook besides the tasks");
        Assert.That(clone.HookGuard("doctor").ExitCode, Is.Zero);

        clone.AssertCommitsAreScanned(seed: 91);
        Assert.That(File.Exists(Path.Combine(clone.Env["HOME"]!, "team-task-ran")), Is.True, "the team's task still runs");
        clone.AssertPushOfAnotherBranchIsScanned(seed: 92);

        var uninstall = clone.HookGuard("uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.Output);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(original));
    }

    [Test]
    public void With_the_hookguard_tool_in_the_repository_s_manifest_the_tasks_call_dotnet_hookguard()
    {
        using var clone = HuskyNetClone();
        clone.Local.Write(".config/dotnet-tools.json", "{ \"version\": 1, \"isRoot\": true, \"tools\": { \"hookguard\": { \"version\": \"0.1.0\", \"commands\": [\"hookguard\"] } } }\n");
        Assert.That(clone.HookGuard("install").ExitCode, Is.Zero);
        var tasks = JsonNode.Parse(File.ReadAllText(Path.Combine(clone.Local.Root, ".husky", "task-runner.json")))!["tasks"]!.AsArray();
        Assert.That((string?)tasks[1]!["command"], Is.EqualTo("dotnet"));
        Assert.That((string?)tasks[1]!["args"]![0], Is.EqualTo("hookguard"));
        clone.AssertCommitsAreScanned(seed: 93);
    }

    [Test]
    public void A_script_that_does_not_run_the_group_is_named_and_doctor_says_commits_are_not_scanned()
    {
        using var clone = HuskyNetClone(preCommit: "dotnet husky run --name team-check");
        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(install.Stderr, Does.Contain("not protected yet").And.Contain(".husky/pre-commit: dotnet husky run --group pre-commit"));
        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.Output);
        Assert.That(doctor.Stdout, Does.Contain("commits are not scanned"));
    }

    [Test]
    public void A_fresh_clone_before_dotnet_husky_install_gets_the_tasks_and_no_raw_hooks()
    {
        using var repo = new TempRepo();
        repo.Write(".husky/task-runner.json", "{\n  \"tasks\": [\n    { \"name\": \"format\", \"command\": \"dotnet\", \"args\": [\"format\"], \"group\": \"pre-commit\" }\n  ]\n}");
        var install = repo.HookGuard("install", "--husky");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(JsonTaskList.Names(File.ReadAllText(Path.Combine(repo.Root, ".husky", "task-runner.json"))),
            Is.EqualTo(new[] { "format", "hookguard-pre-commit", "hookguard-pre-push" }));
        Assert.That(File.Exists(Path.Combine(repo.Root, ".git", "hooks", "pre-commit")), Is.False);
    }

    [Test]
    public void Husky_option_without_husky_net_is_refused_and_creates_nothing()
    {
        using var repo = new TempRepo();
        var install = repo.HookGuard("install", "--husky");
        Assert.That(install.ExitCode, Is.EqualTo(2), install.Output);
        Assert.That(install.Stderr, Does.Contain("not run by Husky.Net"));
        Assert.That(Directory.Exists(Path.Combine(repo.Root, ".husky")), Is.False);
        Assert.That(File.Exists(Path.Combine(repo.Root, ".git", "hooks", "pre-commit")), Is.False);
    }
}
