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
        var fp = repo.StagedFingerprint();
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

    [Test]
    public void A_keystore_is_a_credential_by_what_it_is_and_its_path_stays_readable()
    {
        using var repo = TempRepo.WithHooks();
        repo.WriteBytes("android/app/release.jks", [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 1]);
        var commit = repo.Commit("signing");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("android/app/release.jks (file name)"));
        Assert.That(commit.Output, Does.Contain("java-keystore-file"));
        Assert.That(commit.Output, Does.Contain("hookguard allow "));
    }

    [Test]
    public void A_line_naming_a_keystore_is_not_a_keystore()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("android/app/build.gradle", "signingConfigs { release { storeFile file(\"release.jks\") } }\n");
        repo.Write("certs/README", "put client.p12 and team.kdbx here, never in git\n");
        var commit = repo.Commit("gradle");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
    }

    [Test]
    public void An_empty_file_named_after_a_key_blocks()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README", "base\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        repo.Write($"keys/{FakeSecrets.GitHubClassicToken(44)}", "");
        var commit = repo.Commit("empty");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("keys/****"));
    }

    [Test]
    public void A_pure_rename_to_a_key_s_name_blocks_before_and_after_the_commit()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("notes/todo.txt", "water the plants\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        var start = repo.Head;
        var token = FakeSecrets.GitHubClassicToken(45);
        repo.Git("mv", "notes/todo.txt", $"notes/{token}.txt");
        var commit = repo.Commit("rename");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Not.Contain(token[4..]));
        Assert.That(repo.Run("git", ["commit", "-q", "--no-verify", "-m", "rename anyway"]).ExitCode, Is.Zero);
        var range = repo.HookGuard("scan", "--range", start + "..HEAD", "--format", "json");
        Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
        Assert.That(range.Stdout, Does.Contain("notes/****.txt"));
    }
}

