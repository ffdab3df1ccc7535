using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>git keeps file names in its trees: a key saved under its own name leaks like a line does.</summary>
[Parallelizable(ParallelScope.All)]
public class FileNameSecretSpecs
{
    private static readonly string Token = FakeSecrets.GitHubClassicToken(43);

    [Test]
    public void The_pre_commit_hook_blocks_a_file_named_after_a_key_and_never_prints_the_key()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write($"backup/{Token}.txt", "saved for later\n");
        var commit = repo.Commit("backup");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("backup/****.txt (file name)"));
        Assert.That(commit.Output, Does.Contain("hookguard allow "), "a name cannot hold a comment: the allow command is offered");
        Assert.That(commit.Output, Does.Not.Contain(Token[4..]));
    }

    [Test]
    public void A_binary_file_named_after_a_key_blocks_too()
    {
        using var repo = TempRepo.WithHooks();
        repo.WriteBytes($"{Token}.bin", [0, 1, 2, 0, 3]);
        var commit = repo.Commit("blob");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Not.Contain(Token[4..]));
    }

    [Test]
    public void Json_reports_line_0_with_the_path_masked_and_sarif_has_no_region()
    {
        using var repo = new TempRepo();
        repo.Write($"keys/{Token}", "x\n");
        repo.Stage();
        var json = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(json.ExitCode, Is.EqualTo(1), json.Output);
        Assert.That(json.Stdout, Does.Not.Contain(Token[4..]));
        var finding = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("findings")[0];
        Assert.That(finding.GetProperty("line").GetInt32(), Is.Zero);
        Assert.That(finding.GetProperty("path").GetString(), Is.EqualTo("keys/****"));
        var sarif = repo.HookGuard("scan", "--staged", "--format", "sarif");
        Assert.That(sarif.Stdout, Does.Not.Contain(Token[4..]));
        var location = JsonDocument.Parse(sarif.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.That(location.TryGetProperty("region", out _), Is.False);
    }

    [Test]
    public void A_name_spelling_an_allow_comment_allows_nothing_and_a_reviewed_fingerprint_does()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README", "base\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        var name = $"hookguard:allow * reason=\"fixture\" reviewed-by=bob {Token}";
        repo.Write(name, "x\n");
        var blocked = repo.Commit("named allow");
        Assert.That(blocked.ExitCode, Is.EqualTo(1), blocked.Output);
        var fp = JsonDocument.Parse(repo.HookGuard("scan", "--staged", "--format", "json").Stdout).RootElement
            .GetProperty("findings")[0].GetProperty("fingerprint").GetString()!;
        Assert.That(repo.HookGuard("allow", fp, "--reason", "fixture name", "--reviewed-by", "bob").ExitCode, Is.Zero);
        repo.Git("add", ".hookguard.yaml");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "allow", "--", ".hookguard.yaml");
        var allowed = repo.Commit("named allow, reviewed");
        Assert.That(allowed.ExitCode, Is.Zero, allowed.Output);
    }

    [Test]
    public void Ordinary_file_names_of_a_project_find_nothing()
    {
        using var repo = new TempRepo();
        foreach (var name in new[] { "src/auth/password_reset_token.py", "config/secrets.example.yaml", "static/js/main.3f9a8b7c1d2e4f60.js",
                     "docs/api-keys.md", "tests/fixtures/token=placeholder.txt", "keys/id_rsa.pub", "migrations/20240101_add_api_key_column.sql" })
            repo.Write(name, "x\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged");
        Assert.That(scan.ExitCode, Is.Zero, scan.Output);
    }
}
