using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// What a history scan cannot see is said, never passed silently: a shallow clone's history ends at a
/// grafted commit (scanned whole, with a warning naming it and how to fetch the rest), and a pre-push
/// hook given no refs scans every local branch the remote lacks, saying so.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ShallowHistorySpecs
{
    private static readonly string Kept = FakeSecrets.GitHubClassicToken(61);
    private static readonly string Removed = FakeSecrets.GitHubClassicToken(62);

    /// <summary>An origin of five commits (a key kept from the first, one added then removed in the second and third), cloned two deep.</summary>
    private static (TempRepo Origin, TempRepo Clone) ShallowClone()
    {
        var origin = new TempRepo();
        origin.Write("kept.env", $"T={Kept}\n");
        origin.Commit("kept key");
        origin.Write("removed.env", $"T={Removed}\n");
        origin.Commit("key added");
        File.Delete(Path.Combine(origin.Root, "removed.env"));
        origin.Commit("key removed");
        origin.Write("a.txt", "a\n");
        origin.Commit("four");
        origin.Write("b.txt", "b\n");
        origin.Commit("five");
        var clone = new TempRepo(init: false);
        Directory.Delete(clone.Root);
        var cloned = ProcessRunner.Run("git", ["clone", "-q", "--depth", "2", "file://" + origin.Root, clone.Root], Path.GetTempPath());
        Assert.That(cloned.ExitCode, Is.Zero, cloned.Output);
        return (origin, clone);
    }

    [Test]
    public void A_history_scan_that_reaches_a_graft_warns_and_still_scans_the_grafted_tree()
    {
        var (origin, clone) = ShallowClone();
        using (origin)
        using (clone)
        {
            var graft = clone.Git("rev-parse", "HEAD~1").Trim();
            var scan = clone.HookGuard("scan", "--history", "--format", "json");
            Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
            var report = JsonDocument.Parse(scan.Stdout).RootElement;
            var finding = report.GetProperty("findings")[0];
            Assert.That(finding.GetProperty("path").GetString(), Is.EqualTo("kept.env"), "the grafted commit's tree is scanned as added");
            Assert.That(finding.GetProperty("commit").GetString(), Is.EqualTo(graft));
            var warnings = report.GetProperty("stats").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
            Assert.That(warnings, Has.Some.Contains($"history is shallow at {graft[..12]}").And.Some.Contains("git fetch --unshallow"));
            Assert.That(scan.Stderr, Does.Contain($"history is shallow at {graft[..12]}"));
        }
    }

    [Test]
    public void A_range_scan_across_the_graft_warns_in_the_text_report()
    {
        var (origin, clone) = ShallowClone();
        using (origin)
        using (clone)
        {
            // A base that shares no history with the branch (as a pull request's target can in a shallow CI clone).
            clone.Git("checkout", "-q", "--orphan", "unrelated");
            clone.Git("rm", "-q", "-r", "--cached", ".");
            clone.Git("commit", "-q", "--allow-empty", "-m", "unrelated");
            var scan = clone.HookGuard("scan", "--range", "unrelated..main");
            Assert.That(scan.Output, Does.Contain("hookguard: warning: history is shallow at"), scan.Output);
        }
    }

    [Test]
    public void A_range_that_stays_above_the_graft_has_no_warning()
    {
        var (origin, clone) = ShallowClone();
        using (origin)
        using (clone)
        {
            var scan = clone.HookGuard("scan", "--range", "HEAD~1..HEAD");
            Assert.That(scan.ExitCode, Is.Zero, scan.Output);
            Assert.That(scan.Output, Does.Not.Contain("shallow"));
        }
    }

    [Test]
    public void Pre_push_given_no_refs_scans_every_local_branch_ahead_of_the_remote_and_says_so()
    {
        using var remote = new TempRepo(init: false);
        remote.Git("init", "-q", "--bare", "-b", "main");
        using var repo = new TempRepo();
        repo.Git("remote", "add", "origin", remote.Root);
        repo.Write("README", "hi\n");
        repo.Commit("init");
        repo.Git("push", "-q", "origin", "main");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("k.env", $"T={Removed}\n");
        repo.Commit("leak on a branch");
        repo.Git("checkout", "-q", "main");
        repo.Write("notes.md", "clean\n");
        repo.Commit("clean on main");

        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin", remote.Root, "--hook", "pre-push"], stdin: "",
            env: new Dictionary<string, string?> { ["HOOKGUARD_PUSH_REFS"] = null });
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("k.env"));
        Assert.That(scan.Output, Does.Contain("given no pushed refs").And.Contain("every local branch"));
    }
}
