using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// What `hookguard audit` says is true: a bypass that relaxes the configuration is judged by the one
/// before it, commits git makes without pre-commit are labelled as what they are, a merge made with
/// --no-verify is recorded, an amended bypass is listed by the commit that now holds it, and the
/// audit says what it cannot see.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BypassAuditTruthSpecs
{
    private static readonly string Token = FakeSecrets.SegmentToken(71);

    private static JsonElement Audit(TempRepo repo) => JsonDocument.Parse(repo.HookGuard("audit", "--format", "json").Stdout).RootElement;

    private static JsonElement EntryFor(TempRepo repo, string commit)
    {
        var entries = Audit(repo).EnumerateArray().Where(e => e.GetProperty("commit").GetString() == commit).ToList();
        Assert.That(entries, Has.Count.EqualTo(1), $"one entry for {commit}: {repo.HookGuard("audit").Stdout}");
        return entries[0];
    }

    private static TempRepo Started()
    {
        var repo = TempRepo.WithHooks();
        repo.Write("README", "base\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        return repo;
    }

    /// <summary>A topic branch whose one commit adds the key past the hooks; back on main, which has moved on.</summary>
    private static TempRepo DivergedWithLeakOnTopic()
    {
        var repo = Started();
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Write("app.env", $"SEGMENT={Token}\n");
        repo.Commit("leak on topic", "--no-verify");
        repo.Git("checkout", "-q", "main");
        repo.Write("main.txt", "main\n");
        Assert.That(repo.Commit("main moves on").ExitCode, Is.Zero);
        return repo;
    }

    [Test]
    public void A_no_verify_commit_that_also_relaxes_the_config_is_judged_by_the_config_before_it()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", "paths:\n  exclude: [\"app.env\"]\nrules:\n  disable: [segment-workspace-api-key]\n");
        repo.Write("app.env", $"SEGMENT={Token}\n");
        var commit = repo.Commit("relax and leak", "--no-verify");
        Assert.That(commit.Output, Does.Contain("app.env:1"), commit.Output);
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
        Assert.That(repo.HookGuard("audit").Stdout, Does.Not.Contain("(no secrets)"));
    }

    [Test]
    public void A_cherry_pick_is_labelled_as_one_and_what_it_adds_is_scanned()
    {
        // main moves on first: picked onto its own parent within the same second, git would make the very
        // same commit again (same tree, parent, author and time), and there would be nothing new to label.
        using var repo = DivergedWithLeakOnTopic();
        var pick = repo.Run("git", ["cherry-pick", "topic"]);
        Assert.That(pick.ExitCode, Is.Zero, pick.Output);
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("how").GetString(), Is.EqualTo("cherry-pick"));
        Assert.That(entry.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
        Assert.That(repo.HookGuard("audit").Stdout, Does.Contain("made without pre-commit (cherry-pick)"));
    }

    [Test]
    public void A_revert_that_brings_a_key_back_is_labelled_as_a_revert()
    {
        using var repo = Started();
        repo.Write("app.env", $"SEGMENT={Token}\n");
        repo.Commit("legacy", "--no-verify");
        File.Delete(Path.Combine(repo.Root, "app.env"));
        Assert.That(repo.Commit("remove the key").ExitCode, Is.Zero);
        var revert = repo.Run("git", ["revert", "--no-edit", "HEAD"]);
        Assert.That(revert.ExitCode, Is.Zero, revert.Output);
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("how").GetString(), Is.EqualTo("revert"));
        Assert.That(entry.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void A_merge_made_with_no_verify_is_recorded_and_a_fast_forward_is_not()
    {
        using var repo = DivergedWithLeakOnTopic();
        var merge = repo.Run("git", ["merge", "--no-verify", "--no-edit", "topic"]);
        Assert.That(merge.ExitCode, Is.Zero, merge.Output);
        Assert.That(repo.Git("rev-list", "--parents", "-n", "1", "HEAD").Split(' '), Has.Length.EqualTo(3), "a merge commit");
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("how").GetString(), Is.EqualTo("merge --no-verify"));
        Assert.That(entry.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));

        var before = Audit(repo).GetArrayLength();
        repo.Git("checkout", "-q", "-b", "later");
        repo.Write("later.txt", "later\n");
        Assert.That(repo.Commit("later").ExitCode, Is.Zero);
        repo.Git("checkout", "-q", "main");
        Assert.That(repo.Run("git", ["merge", "--ff-only", "later"]).ExitCode, Is.Zero);
        Assert.That(Audit(repo).GetArrayLength(), Is.EqualTo(before), "a fast-forward makes no commit here");
    }

    [Test]
    public void A_rebased_commit_that_adds_a_key_is_recorded_as_a_rebase()
    {
        using var repo = DivergedWithLeakOnTopic();
        repo.Git("checkout", "-q", "topic");
        var rebase = repo.Run("git", ["rebase", "-q", "main"]);
        Assert.That(rebase.ExitCode, Is.Zero, rebase.Output);
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("how").GetString(), Is.EqualTo("rebase"));
    }

    [Test]
    public void An_amended_bypass_is_listed_by_the_commit_that_now_holds_it()
    {
        using var repo = Started();
        repo.Write("app.env", $"SEGMENT={Token}\n");
        repo.Commit("leak", "--no-verify");
        var bypass = repo.Head;
        var amend = repo.Run("git", ["commit", "-q", "--amend", "-m", "leak, reworded"]);
        Assert.That(amend.ExitCode, Is.Zero, amend.Output);
        Assert.That(repo.Head, Is.Not.EqualTo(bypass));
        var entry = EntryFor(repo, repo.Head);
        Assert.That(entry.GetProperty("amendedFrom").GetString(), Is.EqualTo(bypass));
        Assert.That(Audit(repo).EnumerateArray().Any(e => e.GetProperty("commit").GetString() == bypass), Is.False);
        Assert.That(repo.HookGuard("audit").Stdout, Does.Contain("amended from " + bypass[..10]));
    }

    [Test]
    public void The_audit_says_what_it_cannot_see()
    {
        using var repo = Started();
        var audit = repo.HookGuard("audit");
        Assert.That(audit.ExitCode, Is.Zero);
        Assert.That(audit.Stdout, Does.Contain("Not seen here:").And.Contain("hooks switched off"));
    }
}
