using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// History scans report each secret once, but only among the copies that still block: an allowed copy
/// of a key must never stand for a plain copy of it elsewhere.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BlockingDedupSpecs
{
    private const string Allow = "# hookguard:allow github-personal-access-token reason=\"revoked fixture\" reviewed-by=alice";

    /// <summary>A clone with hooks and a bare remote; main pushed with one clean commit.</summary>
    private static (TempRepo Local, TempRepo Remote) Pushing()
    {
        var remote = new TempRepo(init: false);
        remote.Git("init", "-q", "--bare", "-b", "main");
        var local = TempRepo.WithHooks();
        local.Git("remote", "add", "origin", remote.Root);
        local.Write("README.md", "hi\n");
        Assert.That(local.Commit("init").ExitCode, Is.Zero);
        Assert.That(local.Run("git", ["push", "-q", "origin", "main"]).ExitCode, Is.Zero);
        return (local, remote);
    }

    private static void AllowedFixture(TempRepo repo, string token)
    {
        repo.Write("fixture.env", $"{Allow}\nT={token}\n");
        var commit = repo.Commit("reviewed fixture");
        Assert.That(commit.ExitCode, Is.Zero, "the reviewed fixture itself is allowed: " + commit.Output);
    }

    [Test]
    public void A_plain_copy_committed_after_an_allowed_one_blocks_the_push_the_range_and_the_history()
    {
        var (local, remote) = Pushing();
        using (local)
        using (remote)
        {
            var token = FakeSecrets.GitHubClassicToken(1901);
            AllowedFixture(local, token);
            local.Write("app.js", $"const t = \"{token}\";\n");
            local.Commit("use it", "--no-verify");

            var push = local.Run("git", ["push", "-q", "origin", "main"]);
            Assert.That(push.ExitCode, Is.Not.Zero, push.Output);
            Assert.That(push.Output, Does.Contain("app.js:1"));

            var range = local.HookGuard("scan", "--range", "origin/main..HEAD");
            Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
            Assert.That(range.Output, Does.Contain("app.js:1"));

            var history = local.HookGuard("scan", "--history");
            Assert.That(history.ExitCode, Is.EqualTo(1), history.Output);
            Assert.That(history.Output, Does.Contain("app.js:1"));
        }
    }

    [Test]
    public void A_plain_copy_in_the_same_commit_as_an_allowed_one_blocks_the_range_and_the_history()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README.md", "hi\n");
        Assert.That(repo.Commit("init").ExitCode, Is.Zero);
        var token = FakeSecrets.GitHubClassicToken(1902);
        repo.Write("fixture.env", $"{Allow}\nT={token}\n");
        repo.Write("src/app.js", $"const t = \"{token}\";\n");
        repo.Commit("both", "--no-verify");

        var range = repo.HookGuard("scan", "--range", "HEAD~1..HEAD");
        Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
        Assert.That(range.Output, Does.Contain("src/app.js:1").And.Contain("1 finding"));
        var history = repo.HookGuard("scan", "--history");
        Assert.That(history.ExitCode, Is.EqualTo(1), history.Output);
    }

    [Test]
    public void A_secret_that_blocks_in_two_commits_is_still_reported_once()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README.md", "hi\n");
        Assert.That(repo.Commit("init").ExitCode, Is.Zero);
        var token = FakeSecrets.GitHubClassicToken(1903);
        repo.Write("a.env", $"T={token}\n");
        repo.Commit("first", "--no-verify");
        repo.Write("b.env", $"T={token}\n");
        repo.Commit("second", "--no-verify");
        var range = repo.HookGuard("scan", "--range", "HEAD~2..HEAD", "--format", "json");
        Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
        var findings = System.Text.Json.JsonDocument.Parse(range.Stdout).RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("path").GetString(), Is.EqualTo("a.env"));
    }
}
