using System.Text;
using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>The installed pre-commit hook, driven by real `git commit` in temporary repositories.</summary>
[Parallelizable(ParallelScope.All)]
public class PreCommitSpecs
{
    [Test]
    public void A_commit_adding_a_secret_is_blocked_with_location_redaction_and_remediation()
    {
        using var repo = TempRepo.WithHooks();
        var secret = FakeSecrets.SegmentToken();
        repo.Write("cfg/settings.py", $"import os\nSEGMENT_TOKEN = \"{secret}\"\n");
        var result = repo.Commit("add settings");
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("cfg/settings.py:2:18"));
        Assert.That(result.Output, Does.Contain("Segment"));
        Assert.That(result.Output, Does.Not.Contain(secret));
        Assert.That(result.Output, Does.Contain("Rotate").And.Contain("hookguard:allow").And.Contain("git commit --no-verify"));
        Assert.That(repo.Run("git", ["rev-parse", "--verify", "HEAD"]).ExitCode, Is.Not.Zero, "nothing was committed");
    }

    [Test]
    public void A_clean_commit_passes_and_says_what_it_scanned()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("src/main.c", "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged");
        Assert.That(scan.ExitCode, Is.Zero, scan.Output);
        Assert.That(scan.Output, Does.Contain("1 file, 2 added lines"));
        Assert.That(repo.Commit().ExitCode, Is.Zero);
    }

    [Test]
    public void A_secret_on_a_line_the_commit_does_not_touch_does_not_block()
    {
        using var repo = TempRepo.WithHooks();
        var secret = FakeSecrets.SegmentToken();
        repo.Write("app.py", $"KEY = \"{secret}\"\nx = 1\n");
        repo.Commit("old", "--no-verify");
        repo.Write("app.py", $"KEY = \"{secret}\"\nx = 1\ny = 2\n");
        Assert.That(repo.Commit("edit").ExitCode, Is.Zero);
    }

    [Test]
    public void The_index_is_scanned_not_the_working_tree()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "one\n");
        repo.Commit("init");
        repo.Write("a.txt", "one\ntwo\n");
        repo.Stage("a.txt");
        repo.Write("a.txt", $"one\ntwo\ntoken={FakeSecrets.GitHubClassicToken()}\n");
        var result = repo.Run("git", ["commit", "-q", "-m", "partial"]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    [Test]
    public void The_very_first_commit_is_scanned()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("first.env", $"GITHUB_TOKEN={FakeSecrets.GitHubClassicToken()}\n");
        Assert.That(repo.Commit("first").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_reviewed_allowlist_comment_allows_and_an_unreviewed_one_says_what_is_missing()
    {
        using var repo = TempRepo.WithHooks();
        var secret = FakeSecrets.SegmentToken();
        repo.Write("t.py", $"KEY = \"{secret}\"  # hookguard:allow * reason=\"test fixture\"\n");
        var blocked = repo.Commit("unreviewed");
        Assert.That(blocked.ExitCode, Is.Not.Zero);
        Assert.That(blocked.Output, Does.Contain("reviewed-by"));

        repo.Write("t.py", $"# hookguard:allow * reason=\"revoked fixture\" reviewed-by=alice\nKEY = \"{secret}\"\n");
        Assert.That(repo.Commit("reviewed").ExitCode, Is.Zero);
    }

    [TestCase("dir with space/my file.env")]
    [TestCase("ünïcödé/ключ.env")]
    [TestCase("-dash.env")]
    [TestCase("q\"uote.env")]
    [TestCase("tab\tname.env")]
    public void Odd_file_names_are_scanned(string name)
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(name, $"T={FakeSecrets.GitHubClassicToken()}\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("path").GetString(), Is.EqualTo(name));
    }

    [Test]
    public void Crlf_non_utf8_and_utf16_files_are_scanned()
    {
        using var repo = TempRepo.WithHooks();
        var token = FakeSecrets.GitHubClassicToken();
        repo.Write("crlf.env", $"A=1\r\nT={token}\r\n");
        repo.WriteBytes("latin1.txt", [.. "caf\u00e9"u8.ToArray().Take(3), 0xE9, (byte)'\n', .. Encoding.ASCII.GetBytes($"T={token}\n"), 0xFF, 0xFE, (byte)'\n']);
        repo.WriteBytes("utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"x\nT={token}\n")]);
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        var report = JsonDocument.Parse(scan.Stdout).RootElement;
        var paths = report.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("path").GetString()}:{f.GetProperty("line").GetInt32()}").ToList();
        Assert.That(paths, Is.EquivalentTo(new[] { "crlf.env:2", "latin1.txt:2", "utf16.txt:2" }));
        Assert.That(report.GetProperty("stats").GetProperty("binaryFilesSkipped").GetInt32(), Is.Zero, "the UTF-16 file was decoded, not skipped");
    }

    [Test]
    public void Binary_files_symlinks_and_pure_renames_pass()
    {
        using var repo = TempRepo.WithHooks();
        var token = FakeSecrets.GitHubClassicToken();
        repo.WriteBytes("img.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, .. Encoding.ASCII.GetBytes(token)]);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link"), "/etc/passwd");
        repo.Stage();
        var stats = JsonDocument.Parse(repo.HookGuard("scan", "--staged", "--format", "json").Stdout).RootElement.GetProperty("stats");
        Assert.That(stats.GetProperty("binaryFilesSkipped").GetInt32(), Is.EqualTo(1), "the binary is counted, not silently passed");
        Assert.That(repo.Commit("binary and link").ExitCode, Is.Zero);
        repo.Write("a.env", $"T={token}\n");
        repo.Commit("legacy", "--no-verify");
        repo.Git("mv", "a.env", "b.env");
        Assert.That(repo.Run("git", ["commit", "-q", "-m", "rename"]).ExitCode, Is.Zero);
    }

    [Test]
    public void A_blocked_commit_leaves_index_and_working_tree_as_they_were()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("k.env", $"T={FakeSecrets.SegmentToken()}\n");
        repo.Stage();
        var before = repo.Git("diff", "--cached", "--stat") + repo.Git("status", "--porcelain");
        repo.Run("git", ["commit", "-q", "-m", "t"]);
        Assert.That(repo.Git("diff", "--cached", "--stat") + repo.Git("status", "--porcelain"), Is.EqualTo(before));
    }

    [Test]
    public void A_linked_worktree_is_protected_by_the_same_hooks()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("x", "x\n");
        repo.Commit("x");
        var worktree = repo.Root + "-wt";
        repo.Git("worktree", "add", "-q", worktree);
        using var linked = new TempRepo(init: false, path: worktree);
        linked.Write("k.env", $"T={FakeSecrets.GitHubClassicToken()}\n");
        Assert.That(linked.Commit("wt").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_conflict_free_merge_runs_the_pre_merge_commit_hook()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("m.txt", "base\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "side");
        repo.Write("side.env", $"T={FakeSecrets.GitHubClassicToken()}\n");
        repo.Commit("side leak", "--no-verify");
        repo.Git("checkout", "-q", "main");
        repo.Write("main.txt", "main\n");
        repo.Commit("main");
        var merge = repo.Run("git", ["merge", "-q", "--no-edit", "side"]);
        Assert.That(merge.ExitCode, Is.Not.Zero, "the merge brings the secret into main");
        Assert.That(merge.Output, Does.Contain("side.env"));
    }
}
