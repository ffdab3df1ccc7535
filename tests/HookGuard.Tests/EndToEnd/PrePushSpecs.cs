using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>The installed pre-push hook against a real bare remote.</summary>
[Parallelizable(ParallelScope.All)]
public class PrePushSpecs
{
    /// <summary>A clone with hooks installed, its bare remote, and one clean commit pushed.</summary>
    private sealed class Pushing : IDisposable
    {
        public TempRepo Remote { get; } = new(init: false);
        public TempRepo Local { get; } = new();

        public Pushing()
        {
            Remote.Git("init", "-q", "--bare", "-b", "main");
            Assert.That(Local.HookGuard("install").ExitCode, Is.Zero);
            Local.Git("remote", "add", "origin", Remote.Root);
            Local.Write("README.md", "hi\n");
            Local.Commit("init");
            Assert.That(Push("main").ExitCode, Is.Zero);
        }

        public ProcessResult Push(params string[] args) => Local.Run("git", ["push", "-q", "origin", .. args]);

        /// <summary>A new branch with one commit that adds a token, made with --no-verify as a bypass would.</summary>
        public void LeakOnNewBranch(string branch, int seed)
        {
            Local.Git("checkout", "-q", "-b", branch);
            Local.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(seed)}\n");
            Local.Commit("leak on " + branch, "--no-verify");
        }

        public void Dispose()
        {
            Local.Dispose();
            Remote.Dispose();
        }
    }

    [Test]
    public void A_clean_push_passes()
    {
        using var p = new Pushing();
        p.Local.Write("a.txt", "a\n");
        p.Local.Commit("clean");
        Assert.That(p.Push("main").ExitCode, Is.Zero);
    }

    [Test]
    public void A_secret_committed_with_no_verify_two_commits_back_blocks_the_push_naming_the_commit()
    {
        using var p = new Pushing();
        var secret = FakeSecrets.SegmentToken();
        p.Local.Write("conf/app.yaml", $"segment:\n  token: {secret}\n");
        p.Local.Commit("leak", "--no-verify");
        var leak = p.Local.Head;
        p.Local.Write("notes.md", "more\n");
        p.Local.Commit("clean after leak");
        var push = p.Push("main");
        Assert.That(push.ExitCode, Is.Not.Zero);
        Assert.That(push.Output, Does.Contain(leak[..10]).And.Contain("conf/app.yaml:2"));
        var text = System.Text.RegularExpressions.Regex.Replace(push.Output, @"\s+", " ");
        Assert.That(text, Does.Contain("rotate it first, then rewrite history").And.Contain("git rebase -i").And.Contain("git push --no-verify"));
        Assert.That(push.Output, Does.Not.Contain(secret));
    }

    [Test]
    public void A_secret_added_and_removed_in_later_commits_still_blocks()
    {
        using var p = new Pushing();
        p.Local.Write("k.env", $"T={FakeSecrets.GitHubClassicToken()}\n");
        p.Local.Commit("leak", "--no-verify");
        p.Local.Write("k.env", "T=from-vault\n");
        p.Local.Commit("remove it", "--no-verify");
        Assert.That(p.Push("main").ExitCode, Is.Not.Zero, "the secret is in the pushed history");
    }

    [Test]
    public void A_new_branch_scans_only_commits_the_remote_lacks()
    {
        using var p = new Pushing();
        p.Local.Write("old.env", $"T={FakeSecrets.GitHubClassicToken(7)}\n");
        p.Local.Commit("old leak", "--no-verify");
        p.Local.Run("git", ["push", "-q", "--no-verify", "origin", "main"]);
        p.Local.Git("checkout", "-q", "-b", "feature");
        p.Local.Write("f.txt", "feature\n");
        p.Local.Commit("feature work");
        Assert.That(p.Push("feature").ExitCode, Is.Zero, "the old secret is on the remote already");

        p.Local.Write("f2.py", $"K = \"{FakeSecrets.SegmentToken(8)}\"\n");
        p.Local.Commit("leak2", "--no-verify");
        Assert.That(p.Push("feature").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_remote_tip_this_clone_has_never_fetched_is_left_out_and_the_pushed_commits_are_still_scanned()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "a\n");
        repo.Commit("base");
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(94)}\n");
        repo.Commit("leak", "--no-verify");
        // Someone else pushed 7777... to the remote; this clone never fetched it.
        var refs = $"refs/heads/topic {repo.Head} refs/heads/topic {new string('7', 40)}";
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin"], env: new Dictionary<string, string?> { ["HOOKGUARD_PUSH_REFS"] = refs });
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("k.env:1"));
    }

    [Test]
    public void Deleting_a_remote_branch_passes()
    {
        using var p = new Pushing();
        p.LeakOnNewBranch("gone", seed: 9);
        p.Local.Run("git", ["push", "-q", "--no-verify", "origin", "gone"]);
        Assert.That(p.Push("--delete", "gone").ExitCode, Is.Zero);
    }

    [Test]
    public void A_force_push_after_rewriting_the_secret_away_passes()
    {
        using var p = new Pushing();
        p.Local.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(10)}\n");
        p.Local.Commit("leak", "--no-verify");
        Assert.That(p.Push("main").ExitCode, Is.Not.Zero);
        p.Local.Git("reset", "-q", "--hard", "origin/main");
        p.Local.Write("k.env", "T=${TOKEN}\n");
        p.Local.Commit("fixed");
        Assert.That(p.Push("--force", "main").ExitCode, Is.Zero);
    }

    [Test]
    public void A_chained_pre_push_hook_gets_the_refs_git_gave_and_the_scan_sees_them_too()
    {
        using var p = new Pushing();
        var hooks = Path.Combine(p.Local.Root, ".git", "hooks");
        var received = Path.Combine(p.Local.Root, "..", Path.GetFileName(p.Local.Root) + "-received");
        File.Move(Path.Combine(hooks, "pre-push"), Path.Combine(hooks, "pre-push.hookguard-chained"));
        File.WriteAllText(Path.Combine(hooks, "pre-push.hookguard-chained"), $"#!/bin/sh\ncat > '{received}'\n");
        File.SetUnixFileMode(Path.Combine(hooks, "pre-push.hookguard-chained"), (UnixFileMode)0b111_101_101);
        Assert.That(p.Local.HookGuard("install").ExitCode, Is.Zero);
        p.Local.Write("a.txt", "a\n");
        p.Local.Commit("clean");
        p.Local.Git("tag", "v1");
        Assert.That(p.Push("main", "v1").ExitCode, Is.Zero);
        var main = p.Local.Git("rev-parse", "main").Trim();
        var remoteMain = p.Local.Git("rev-parse", "HEAD~1").Trim();
        Assert.That(File.ReadAllText(received), Is.EqualTo(
            $"refs/heads/main {main} refs/heads/main {remoteMain}\nrefs/tags/v1 {main} refs/tags/v1 {new string('0', 40)}\n"));
        File.Delete(received);

        p.LeakOnNewBranch("leaky", seed: 12);
        Assert.That(p.Push("leaky").ExitCode, Is.Not.Zero, "the scan still gets the refs after the chained hook read them");
    }

    [Test]
    public void Tags_and_several_refs_in_one_push_are_all_scanned()
    {
        using var p = new Pushing();
        p.LeakOnNewBranch("other", seed: 11);
        p.Local.Git("tag", "-a", "v1", "-m", "release");
        p.Local.Git("checkout", "-q", "main");
        p.Local.Write("clean.txt", "ok\n");
        p.Local.Commit("clean");
        var push = p.Push("main", "v1");
        Assert.That(push.ExitCode, Is.Not.Zero, "the tag brings the leaking commit");
        Assert.That(push.Output, Does.Contain("k.env"));
    }

    [Test]
    public void A_merge_commit_contributes_only_what_its_resolution_added()
    {
        using var p = new Pushing();
        p.Local.Write("m.txt", "base\n");
        p.Local.Commit("base");
        p.Local.Git("checkout", "-q", "-b", "side");
        p.Local.Write("m.txt", "side\n");
        p.Local.Commit("side");
        p.Local.Git("checkout", "-q", "main");
        p.Local.Write("m.txt", "main\n");
        p.Local.Commit("main");
        p.Local.Run("git", ["merge", "-q", "side"]);
        var token = FakeSecrets.GitHubClassicToken(12);
        p.Local.Write("m.txt", $"resolved\nT={token}\n");
        p.Local.Stage();
        p.Local.Run("git", ["commit", "-q", "--no-verify", "-m", "merge with a secret in the resolution"]);
        var range = p.Local.HookGuard("scan", "--range", "origin/main..HEAD", "--format", "json");
        var findings = JsonDocument.Parse(range.Stdout).RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("commit").GetString(), Is.EqualTo(p.Local.Head));
    }

    [Test]
    public void Hook_managers_hand_the_refs_over_in_the_environment()
    {
        using var p = new Pushing();
        var clean = p.Local.Head;
        p.Local.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(13)}\n");
        p.Local.Commit("leak", "--no-verify");
        var env = new Dictionary<string, string?> { ["HOOKGUARD_PUSH_REFS"] = $"refs/heads/main {p.Local.Head} refs/heads/main {clean}" };
        Assert.That(p.Local.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin"], env: env).ExitCode, Is.EqualTo(1));
        var preCommitFramework = new Dictionary<string, string?> { ["PRE_COMMIT_FROM_REF"] = clean, ["PRE_COMMIT_TO_REF"] = p.Local.Head };
        Assert.That(p.Local.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin"], env: preCommitFramework).ExitCode, Is.EqualTo(1));
        Assert.That(p.Local.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin"], stdin: "").ExitCode, Is.EqualTo(1), "no input: HEAD --not --remotes");
    }

    [Test]
    public void A_history_scan_reports_each_secret_once_with_the_commit_that_introduced_it()
    {
        using var repo = new TempRepo();
        var token = FakeSecrets.GitHubClassicToken(14);
        repo.Write("a.env", $"T={token}\n");
        repo.Commit("introduce", "--no-verify");
        var first = repo.Head;
        repo.Write("b.env", $"T={token}\n");
        repo.Commit("copy", "--no-verify");
        var scan = repo.HookGuard("scan", "--history", "--format", "json");
        var findings = JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("commit").GetString(), Is.EqualTo(first));
        var all = JsonDocument.Parse(repo.HookGuard("scan", "--history", "--all-occurrences", "--format", "json").Stdout);
        Assert.That(all.RootElement.GetProperty("findings").GetArrayLength(), Is.EqualTo(2));
    }
}
