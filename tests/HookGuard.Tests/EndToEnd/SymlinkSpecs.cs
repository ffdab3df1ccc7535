using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>git stores a symlink's target as its blob: a target that is a key is an added line like any other.</summary>
[Parallelizable(ParallelScope.All)]
public class SymlinkSpecs
{
    private static readonly string Token = FakeSecrets.GitHubClassicToken(41);

    [Test]
    public void The_pre_commit_hook_blocks_a_symlink_whose_target_is_a_key()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README", "base\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "token-link"), Token);
        var commit = repo.Commit("link");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("token-link:1"));
    }

    [Test]
    public void The_pre_commit_hook_blocks_a_symlink_retargeted_to_a_key()
    {
        using var repo = TempRepo.WithHooks();
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link"), "README");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        File.Delete(Path.Combine(repo.Root, "link"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link"), Token);
        var commit = repo.Commit("retarget");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
    }

    [Test]
    public void Range_and_history_report_a_symlink_target_key_with_its_commit()
    {
        using var repo = new TempRepo();
        repo.Write("README", "base\n");
        repo.Commit("base");
        var start = repo.Head;
        File.CreateSymbolicLink(Path.Combine(repo.Root, "token-link"), Token);
        repo.Commit("link");
        foreach (string[] scan in new[] { new[] { "scan", "--range", start + "..HEAD" }, ["scan", "--history"] })
        {
            var result = repo.HookGuard([.. scan, "--format", "json"]);
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            var finding = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("findings")[0];
            Assert.That(finding.GetProperty("path").GetString(), Is.EqualTo("token-link"));
            Assert.That(finding.GetProperty("commit").GetString(), Is.EqualTo(repo.Head));
        }
    }
}
