using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>`git commit --no-verify` skips pre-commit; post-commit notices and records it.</summary>
[Parallelizable(ParallelScope.All)]
public class BypassAuditSpecs
{
    private static JsonElement Audit(TempRepo repo) => JsonDocument.Parse(repo.HookGuard("audit", "--format", "json").Stdout).RootElement;

    [Test]
    public void Commits_that_pass_pre_commit_including_amends_and_the_first_are_not_bypasses()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "one\n");
        Assert.That(repo.Commit("first").ExitCode, Is.Zero);
        repo.Write("a.txt", "one\ntwo\n");
        Assert.That(repo.Commit("second").ExitCode, Is.Zero);
        repo.Write("b.txt", "three\n");
        Assert.That(repo.Commit("second, amended", "--amend").ExitCode, Is.Zero);
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);
    }

    [Test]
    public void A_scanned_commit_is_recognised_without_diffing_its_content_again()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "one\n");
        repo.Commit("first");
        repo.Write("a.txt", "one\ntwo\n");
        repo.Stage();
        var trace = repo.Root + ".trace";
        var commit = repo.Run("git", ["commit", "-q", "-m", "second"], env: new Dictionary<string, string?> { ["GIT_TRACE"] = trace });
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        var gits = File.ReadAllLines(trace).Where(l => l.Contains("trace: built-in: git ", StringComparison.Ordinal)).ToList();
        File.Delete(trace);
        // pre-commit reads the staged change itself and post-commit the commit's trees: no git started
        // besides the commit itself, and a change is never diffed twice.
        string[] ownGits = ["trace: built-in: git commit ", "trace: built-in: git maintenance "];
        Assert.That(gits.Where(l => !ownGits.Any(own => l.Contains(own, StringComparison.Ordinal))).ToList(), Is.Empty, string.Join("\n", gits));
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);

        // Where the change is left to git (here by asking), post-commit runs one `git log --raw`, reading no content.
        repo.Write("a.txt", "one\ntwo\nthree\n");
        repo.Stage();
        commit = repo.Run("git", ["commit", "-q", "-m", "third"], env: new Dictionary<string, string?> { ["GIT_TRACE"] = trace, ["HOOKGUARD_STAGED_DIFF"] = "git" });
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        gits = File.ReadAllLines(trace).Where(l => l.Contains("trace: built-in: git ", StringComparison.Ordinal)).ToList();
        File.Delete(trace);
        Assert.That(gits.Where(l => l.Contains("git log ", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1).And.All.Contains("--walk-reflogs").And.All.Contains("--raw"));
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Renames_merges_and_type_changes_that_passed_pre_commit_are_not_bypasses()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("src/a.txt", string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n")));
        repo.Write("link-target.txt", "target\n");
        Assert.That(repo.Commit("first").ExitCode, Is.Zero);
        Directory.CreateDirectory(Path.Combine(repo.Root, "lib"));
        repo.Git("mv", "src/a.txt", "lib/b.txt"); // git's summary pairs the two; the in-process one lists an addition
        Assert.That(repo.Commit("rename").ExitCode, Is.Zero);
        repo.Diverge("side", ("side.txt", "side\n"), ("main.txt", "main\n"));
        Assert.That(repo.Run("git", ["merge", "-q", "--no-ff", "-m", "merge", "side"]).ExitCode, Is.Zero);
        File.Delete(Path.Combine(repo.Root, "link-target.txt"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link-target.txt"), "lib/b.txt");
        Assert.That(repo.Commit("a file becomes a symlink").ExitCode, Is.Zero);
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Commits_through_a_pre_commit_hook_written_by_an_older_hookguard_are_not_bypasses()
    {
        // Hooks installed before the binary was updated pipe git's diff with abbreviated blob ids.
        using var repo = TempRepo.WithHooks();
        File.WriteAllText(Path.Combine(repo.Root, ".git", "hooks", "pre-commit"),
            "#!/bin/sh\n# hookguard-managed pre-commit hook\n{ GIT_PAGER=cat git diff --cached --no-ext-diff --no-textconv --no-color -U1 -M " +
            "--src-prefix=a/ --dst-prefix=b/ --no-relative --ignore-submodules=none && echo 'hookguard: end of patch'; } | " +
            $"'{HookGuardBinary.Path}' scan --staged --patch-stdin --hook pre-commit\n");
        repo.Write("a.txt", "one\n");
        Assert.That(repo.Commit("first").ExitCode, Is.Zero);
        repo.Write("a.txt", "one\ntwo\n");
        var second = repo.Commit("second");
        Assert.That(second.ExitCode, Is.Zero);
        Assert.That(second.Output, Does.Not.Contain("without the pre-commit scan"));
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Without_a_reflog_for_HEAD_scanned_commits_pass_and_a_bypass_is_still_recorded()
    {
        // post-commit reads HEAD from its newest reflog entry; with core.logAllRefUpdates=false there is none.
        using var repo = TempRepo.WithHooks();
        repo.Git("config", "core.logAllRefUpdates", "false");
        repo.Write("a.txt", "one\n");
        Assert.That(repo.Commit("first").ExitCode, Is.Zero);
        repo.Write("a.txt", "one\ntwo\n");
        Assert.That(repo.Commit("second").ExitCode, Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(repo.Root, ".git", "logs")), Is.False, "no reflog was written");
        Assert.That(Audit(repo).GetArrayLength(), Is.Zero);

        repo.Write("a.txt", "one\ntwo\nthree\n");
        Assert.That(repo.Commit("unscanned", "--no-verify").ExitCode, Is.Zero);
        var entries = Audit(repo);
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1));
        Assert.That(entries[0].GetProperty("commit").GetString(), Is.EqualTo(repo.Head));
    }

    [Test]
    public void A_no_verify_commit_with_a_secret_is_recorded_and_warned_about_at_once_without_the_secret()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "one\n");
        repo.Commit("init");
        var secret = FakeSecrets.SegmentToken(51);
        repo.Write("conf/k.env", $"x=1\nSEGMENT={secret}\n");
        var commit = repo.Commit("sneak it in", "--no-verify");
        Assert.That(commit.ExitCode, Is.Zero, "post-commit cannot undo a commit");
        Assert.That(commit.Output, Does.Contain("without the pre-commit scan").And.Contain("conf/k.env:2"));
        Assert.That(commit.Output, Does.Not.Contain(secret));

        var entries = Audit(repo);
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1));
        Assert.That(entries[0].GetProperty("commit").GetString(), Is.EqualTo(repo.Head));
        Assert.That(entries[0].GetProperty("findings")[0].GetProperty("ruleId").GetString(), Is.EqualTo("segment-workspace-api-key"));
        var log = File.ReadAllText(Path.Combine(repo.Root, ".git", "hookguard", "bypasses.jsonl"));
        Assert.That(log, Does.Not.Contain(secret));
    }

    [Test]
    public void A_clean_no_verify_commit_is_recorded_too_and_a_passed_patch_cannot_cover_a_different_one()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "one\n");
        repo.Commit("init");
        repo.Write("a.txt", "one\ntwo\n");
        repo.Stage();
        Assert.That(repo.HookGuard("scan", "--staged", "--hook", "pre-commit").ExitCode, Is.Zero, "passes and leaves its mark");
        repo.Write("a.txt", "one\nsomething else\n");
        repo.Commit("different content, unscanned", "--no-verify");
        var entries = Audit(repo);
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1));
        Assert.That(entries[0].GetProperty("findings").GetArrayLength(), Is.Zero);
        Assert.That(repo.HookGuard("audit").Stdout, Does.Contain("(no secrets)"));
    }
}
