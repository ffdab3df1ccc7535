using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// The trust rule: a configuration judges the changes after it, never the change that brings it.
/// pre-commit reads .hookguard.yaml as committed at HEAD, pre-push and --range at the base of what
/// they scan (or --config-from), and a change to it is reported.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PolicyTrustSpecs
{
    private const string Rule = "github-personal-access-token";

    private static TempRepo Committed(string config)
    {
        var repo = TempRepo.WithHooks();
        repo.Write("README.md", "hi\n");
        repo.Write(".hookguard.yaml", config);
        var commit = repo.Commit("config");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        return repo;
    }

    private static string FingerprintOfStaged(TempRepo repo)
    {
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        return JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("fingerprint").GetString()!;
    }

    [TestCase("rules:\n  disable: [github-personal-access-token]\n", "rules.disable adds 'github-personal-access-token'")]
    [TestCase("paths:\n  exclude: [\"src/**\"]\n", "paths.exclude adds 'src/**'")]
    [TestCase("rules:\n  paths: { github-personal-access-token: [\"docs/**\"] }\n", "rules.paths scopes 'github-personal-access-token'")]
    [TestCase("rules:\n  entropy: { github-personal-access-token: 8 }\n", "rules.entropy raises 'github-personal-access-token'")]
    [TestCase("maxFileSize: 1B\n", "maxFileSize becomes 1 bytes")]
    [TestCase("paths:\n  include: [\"docs/**\"]\n", "paths.include becomes [docs/**]")]
    public void A_commit_that_relaxes_the_policy_and_adds_a_token_is_judged_by_the_policy_before_it(string relaxed, string reported)
    {
        using var repo = Committed("allowlist:\n  reviewers: [alice]\n");
        repo.Write(".hookguard.yaml", "allowlist:\n  reviewers: [alice]\n" + relaxed);
        repo.Write("src/k.env", $"T={FakeSecrets.GitHubClassicToken(1911)}\n");
        var commit = repo.Commit("relax and leak");
        Assert.That(commit.ExitCode, Is.Not.Zero, commit.Output);
        Assert.That(commit.Output, Does.Contain("src/k.env:1"));
        Assert.That(commit.Output, Does.Contain("policy relaxed in this commit").And.Contain(reported).And.Contain("takes effect after it"));
    }

    [Test]
    public void Adding_the_tokens_fingerprint_or_its_reviewer_in_the_same_commit_allows_nothing()
    {
        using var repo = Committed("allowlist:\n  reviewers: [alice]\n");
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1912)}\n");
        var fingerprint = FingerprintOfStaged(repo);
        repo.Write(".hookguard.yaml", $"allowlist:\n  reviewers: [alice]\n  fingerprints:\n    - {{ fingerprint: {fingerprint}, reason: mine, reviewed-by: alice }}\n");
        var byFingerprint = repo.Commit("allow my own token");
        Assert.That(byFingerprint.ExitCode, Is.Not.Zero, byFingerprint.Output);
        Assert.That(byFingerprint.Output, Does.Contain("allowlist.fingerprints adds"));

        repo.Write(".hookguard.yaml", "allowlist:\n  reviewers: [alice, mallory]\n");
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1912)}  # hookguard:allow * reason=\"fine\" reviewed-by=mallory\n");
        var byReviewer = repo.Commit("review it myself");
        Assert.That(byReviewer.ExitCode, Is.Not.Zero, byReviewer.Output);
        Assert.That(byReviewer.Output, Does.Contain("allowlist.reviewers adds 'mallory'"));
    }

    [Test]
    public void The_relaxation_takes_effect_for_the_commits_after_it()
    {
        using var repo = Committed("rules:\n  disable: []\n");
        repo.Write(".hookguard.yaml", $"rules:\n  disable: [{Rule}]\n");
        Assert.That(repo.Commit("relax alone").ExitCode, Is.Zero);
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1913)}\n");
        var commit = repo.Commit("now it is disabled");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
    }

    [Test]
    public void Deleting_or_editing_the_working_copy_of_the_config_changes_nothing_for_the_hooks()
    {
        using var repo = Committed("""
            rules:
              custom:
                - id: acme-internal-token
                  name: ACME Internal Token
                  keywords: [acme_]
                  pattern: '\b(acme_[a-z0-9]{32})\b'
                  entropy: 3.0
                  remediation: { summary: Grants ACME access., revoke: [Revoke it.], docs: https://acme.invalid/tokens }
            """);
        File.Delete(Path.Combine(repo.Root, ".hookguard.yaml"));
        repo.Write("svc.txt", "token acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4\n");
        repo.Stage("svc.txt");
        var deleted = repo.Run("git", ["commit", "-q", "-m", "config deleted, not staged"]);
        Assert.That(deleted.ExitCode, Is.Not.Zero, deleted.Output);
        Assert.That(deleted.Output, Does.Contain("ACME Internal Token"));

        repo.Stage(); // the deletion staged too: still judged by HEAD's config, and reported
        var staged = repo.Run("git", ["commit", "-q", "-m", "config deleted and staged"]);
        Assert.That(staged.ExitCode, Is.Not.Zero, staged.Output);
        Assert.That(staged.Output, Does.Contain("rules.custom drops 'acme-internal-token'"));
    }

    [Test]
    public void A_push_is_judged_by_the_config_the_remote_has_not_by_the_pushed_commits_or_the_working_copy()
    {
        using var remote = new TempRepo(init: false);
        remote.Git("init", "-q", "--bare", "-b", "main");
        using var local = Committed("rules:\n  disable: []\n");
        local.Git("remote", "add", "origin", remote.Root);
        Assert.That(local.Run("git", ["push", "-q", "origin", "main"]).ExitCode, Is.Zero);

        // An uncommitted edit that disables the rule: the push still blocks.
        local.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1914)}\n");
        local.Commit("leak", "--no-verify");
        local.Write(".hookguard.yaml", $"rules:\n  disable: [{Rule}]\n");
        var uncommitted = local.Run("git", ["push", "-q", "origin", "main"]);
        Assert.That(uncommitted.ExitCode, Is.Not.Zero, uncommitted.Output);

        // The relaxation committed in the pushed commits: still blocks, and is reported.
        local.Commit("relax", "--no-verify");
        var committed = local.Run("git", ["push", "-q", "origin", "main"]);
        Assert.That(committed.ExitCode, Is.Not.Zero, committed.Output);
        Assert.That(committed.Output, Does.Contain("policy relaxed in this push").And.Contain($"rules.disable adds '{Rule}'"));

        // A new branch: judged by the last commit the remote has.
        local.Git("checkout", "-q", "-b", "topic", "origin/main");
        local.Write(".hookguard.yaml", $"rules:\n  disable: [{Rule}]\n");
        local.Write("t.env", $"T={FakeSecrets.GitHubClassicToken(1915)}\n");
        local.Commit("relax and leak on a branch", "--no-verify");
        var branch = local.Run("git", ["push", "-q", "origin", "topic"]);
        Assert.That(branch.ExitCode, Is.Not.Zero, branch.Output);
        Assert.That(branch.Output, Does.Contain("t.env:1"));
    }

    [Test]
    public void A_range_is_judged_by_its_merge_base_or_by_config_from_and_reports_the_change_in_json()
    {
        using var repo = Committed("rules:\n  disable: []\n");
        repo.Git("checkout", "-q", "-b", "pr");
        repo.Write(".hookguard.yaml", $"rules:\n  disable: [{Rule}]\n");
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1916)}\n");
        repo.Commit("a pull request that relaxes its own check", "--no-verify");

        var range = repo.HookGuard("scan", "--range", "main..pr", "--format", "json");
        Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
        var change = JsonDocument.Parse(range.Stdout).RootElement.GetProperty("policyChanges")[0];
        Assert.That(change.GetProperty("change").GetString(), Is.EqualTo($"rules.disable adds '{Rule}'"));
        Assert.That(change.GetProperty("relaxes").GetBoolean(), Is.True);

        // CI checks out the pull request itself: --config-from names the trusted revision.
        repo.Write(".hookguard.yaml", $"rules:\n  disable: [{Rule}]\n");
        var fromMain = repo.HookGuard("scan", "--range", "HEAD~1..HEAD", "--config-from", "main");
        Assert.That(fromMain.ExitCode, Is.EqualTo(1), fromMain.Output);
        var fromPr = repo.HookGuard("scan", "--range", "HEAD~1..HEAD", "--config-from", "pr");
        Assert.That(fromPr.ExitCode, Is.Zero, "--config-from pr trusts the pull request's own config: " + fromPr.Output);
        Assert.That(repo.HookGuard("scan", "--range", "HEAD~1..HEAD", "--config-from", "no-such-branch").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void The_first_commit_is_judged_by_its_staged_config()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(".hookguard.yaml", "paths:\n  exclude: [\"fixtures/**\"]\n");
        repo.Write("fixtures/k.env", $"T={FakeSecrets.GitHubClassicToken(1917)}\n");
        var commit = repo.Commit("first");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
    }

    [Test]
    public void A_broken_working_copy_of_the_config_stops_the_commit_with_exit_2()
    {
        using var repo = Committed("rules:\n  disable: []\n");
        repo.Write(".hookguard.yaml", "rulez: {}\n");
        repo.Write("a.txt", "a\n");
        repo.Stage("a.txt");
        var commit = repo.Run("git", ["commit", "-q", "-m", "unrelated"]);
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.Output, Does.Contain("rulez").And.Contain("working copy"));
    }
}
