using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>Team policy through .hookguard.yaml and the real binary in real repositories.</summary>
[Parallelizable(ParallelScope.All)]
public class PolicySpecs
{
    private const string CustomRule = """
        rules:
          custom:
            - id: acme-internal-token
              name: ACME Internal Token
              severity: high
              keywords: [acme_]
              pattern: '\b(acme_[a-z0-9]{32})\b'
              entropy: 3.0
              remediation: { summary: Grants ACME access., revoke: [Revoke it in the ACME console.], docs: https://acme.invalid/tokens }
              examples:
                match: ['TOKEN=acme_q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3']  # hookguard:allow acme-internal-token reason="rule example" reviewed-by=alice
                noMatch: ['TOKEN=acme_short']
        """;

    private static TempRepo Installed(string? config = null)
    {
        var repo = TempRepo.WithHooks();
        if (config is null) return repo;
        repo.Write(".hookguard.yaml", config);
        Assert.That(repo.Commit("config").ExitCode, Is.Zero);
        return repo;
    }

    [Test]
    public void A_custom_rule_blocks_and_its_examples_run_with_rules_test()
    {
        using var repo = Installed(CustomRule);
        Assert.That(repo.HookGuard("rules", "test").Stdout, Does.Contain(", 0 failed"));
        repo.Write("svc.txt", "token acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4\n");
        var blocked = repo.Commit("custom");
        Assert.That(blocked.ExitCode, Is.Not.Zero);
        Assert.That(blocked.Output, Does.Contain("ACME Internal Token"));

        repo.Write(".hookguard.yaml", CustomRule.Replace("TOKEN=acme_short", "TOKEN=acme_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6", StringComparison.Ordinal));
        var test = repo.HookGuard("rules", "test");
        Assert.That(test.ExitCode, Is.EqualTo(1));
        Assert.That(test.Stdout, Does.Contain("acme-internal-token: noMatch example was found"));
    }

    [Test]
    public void Path_globs_per_rule_paths_and_entropy_overrides_narrow_what_blocks()
    {
        using var repo = Installed("""
            paths:
              exclude: ["fixtures/**"]
            rules:
              paths: { github-personal-access-token: ["src/**"] }
              entropy: { segment-workspace-api-key: 7.5 }
            """);
        repo.Write("fixtures/a.env", $"T={FakeSecrets.SegmentToken(61)}\n");
        repo.Write("docs/b.env", $"T={FakeSecrets.GitHubClassicToken(62)}\n");
        repo.Write("c.env", $"T={FakeSecrets.SegmentToken(63)}\n");
        Assert.That(repo.Commit("excluded, out of scope, below the raised entropy").ExitCode, Is.Zero);
        repo.Write("src/d.env", $"T={FakeSecrets.GitHubClassicToken(64)}\n");
        Assert.That(repo.Commit("in scope").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_file_over_maxFileSize_is_reported_as_not_scanned()
    {
        using var repo = Installed("maxFileSize: 1KB\n");
        repo.Write("big.txt", new string('x', 2000) + "\n" + $"T={FakeSecrets.GitHubClassicToken(65)}\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged");
        Assert.That(scan.Output, Does.Contain("not scanned: big.txt: larger than maxFileSize (1024 bytes)"));
    }

    [Test]
    public void Hookguard_allow_writes_a_reviewed_fingerprint_entry_for_a_json_file()
    {
        using var repo = Installed("allowlist:\n  reviewers: [alice]\n");
        repo.Write("fixtures.json", $"{{\"token\": \"{FakeSecrets.SegmentToken(66)}\"}}\n");
        var fingerprint = repo.StagedFingerprint();
        Assert.That(repo.HookGuard("allow", fingerprint, "--reason", "revoked fixture", "--reviewed-by", "mallory").ExitCode, Is.EqualTo(2));
        var allow = repo.HookGuard("allow", fingerprint, "--reason", "revoked fixture", "--reviewed-by", "alice");
        Assert.That(allow.ExitCode, Is.Zero, allow.Output);
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, ".hookguard.yaml")), Does.StartWith("allowlist:\n  reviewers: [alice]\n  fingerprints:\n"));
        // The entry judges the commits after the one that adds it (the trust rule).
        repo.Git("reset", "-q");
        repo.Stage(".hookguard.yaml");
        Assert.That(repo.Run("git", ["commit", "-q", "-m", "allow the fixture"]).ExitCode, Is.Zero);
        Assert.That(repo.Commit("allowed by fingerprint").ExitCode, Is.Zero);
    }

    [Test]
    public void With_pathInFingerprint_an_allowed_secret_copied_to_another_file_blocks_again()
    {
        using var repo = Installed("allowlist:\n  pathInFingerprint: true\n");
        var secret = FakeSecrets.SegmentToken(67);
        repo.Write("a.json", $"{{\"k\": \"{secret}\"}}\n");
        Assert.That(repo.HookGuard("allow", repo.StagedFingerprint(), "--reason", "fixture", "--reviewed-by", "bob").ExitCode, Is.Zero);
        repo.Git("reset", "-q");
        repo.Stage(".hookguard.yaml");
        Assert.That(repo.Run("git", ["commit", "-q", "-m", "allow the fixture"]).ExitCode, Is.Zero);
        Assert.That(repo.Commit("allowed here").ExitCode, Is.Zero);
        repo.Write("b.json", $"{{\"k\": \"{secret}\"}}\n");
        Assert.That(repo.Commit("copied elsewhere").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void Allowlist_list_shows_every_exception_and_marks_stale_and_incomplete_ones()
    {
        using var repo = Installed();
        repo.Write("a.py", $"K = \"{FakeSecrets.SegmentToken(68)}\"  # hookguard:allow * reason=\"fixture\" reviewed-by=alice\n" +
            "# hookguard:allow github-personal-access-token reason=\"removed long ago\" reviewed-by=bob\nx = 1\n");
        repo.Write("b.js", "// hookguard:allow * reason=\"nobody looked\"\n");
        repo.Commit("exceptions", "--no-verify");
        var list = JsonDocument.Parse(repo.HookGuard("allowlist", "list", "--format", "json").Stdout).RootElement.GetProperty("comments");
        var statuses = list.EnumerateArray().Select(c => $"{c.GetProperty("path").GetString()}:{c.GetProperty("line").GetInt32()} {c.GetProperty("status").GetString()}");
        Assert.That(statuses, Is.EqualTo(new[] { "a.py:1 active", "a.py:2 stale", "b.js:1 incomplete" }));
    }

    [Test]
    public void The_baseline_holds_no_secret_lets_known_findings_pass_and_prune_drops_gone_ones()
    {
        using var repo = Installed();
        var legacy = FakeSecrets.GitHubClassicToken(69);
        repo.Write("legacy.env", $"T={legacy}\n");
        repo.Write("old.env", $"S={FakeSecrets.SegmentToken(70)}\n");
        repo.Commit("legacy", "--no-verify");
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        var path = Path.Combine(repo.Root, ".hookguard-baseline.json");
        var first = File.ReadAllText(path);
        Assert.That(first, Does.Not.Contain(legacy));
        repo.HookGuard("baseline", "create");
        Assert.That(File.ReadAllText(path), Is.EqualTo(first), "stable output");
        Assert.That(repo.Commit("baseline").ExitCode, Is.Zero);

        repo.Write("legacy.env", $"T={legacy} # touched\n");
        Assert.That(repo.Commit("touch the baselined line").ExitCode, Is.Zero);
        repo.Write("new.env", $"N={FakeSecrets.SegmentToken(71)}\n");
        Assert.That(repo.Commit("new secret").ExitCode, Is.Not.Zero);

        repo.Git("reset", "-q", "--hard");
        repo.Git("clean", "-fdq");
        File.Delete(Path.Combine(repo.Root, "old.env"));
        repo.HookGuard("baseline", "prune");
        var pruned = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("findings");
        Assert.That(pruned.EnumerateArray().Select(f => f.GetProperty("path").GetString()), Is.EqualTo(new[] { "legacy.env" }));
    }

    [Test]
    public void The_staged_config_governs_its_commit_and_is_found_from_a_subfolder()
    {
        using var repo = Installed();
        repo.Write(".hookguard.yaml", "paths:\n  exclude: [\"secrets/**\"]\n");
        repo.Write("secrets/a.env", $"T={FakeSecrets.GitHubClassicToken(72)}\n");
        Assert.That(repo.Commit("exclusion and its first file together").ExitCode, Is.Zero);

        repo.Write(".hookguard.yaml", "# exclusion removed, but not staged\n");
        repo.Write("secrets/b.env", $"T={FakeSecrets.GitHubClassicToken(73)}\n");
        repo.Stage("secrets/b.env");
        var sub = Directory.CreateDirectory(Path.Combine(repo.Root, "deep", "er")).FullName;
        var scan = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--staged"], sub);
        Assert.That(scan.ExitCode, Is.Zero, scan.Output);
    }

    [Test]
    public void A_broken_config_blocks_the_hook_with_exit_2_and_validate_warns_about_globs_matching_nothing()
    {
        using var repo = Installed();
        repo.Write(".hookguard.yaml", "paths:\n  exclude: [\"fixture/**\"]\nrulez: {}\n");
        repo.Write("x.txt", "x\n");
        repo.Stage("x.txt");
        var scan = repo.HookGuard("scan", "--staged", "--hook", "pre-commit");
        Assert.That(scan.ExitCode, Is.EqualTo(2));
        Assert.That(scan.Stderr, Does.Contain(".hookguard.yaml:3:1: unknown key 'rulez'").And.Contain("git commit --no-verify"));

        repo.Write(".hookguard.yaml", "paths:\n  exclude: [\"fixture/**\"]\n");
        var validate = repo.HookGuard("config", "validate");
        Assert.That(validate.ExitCode, Is.Zero);
        Assert.That(validate.Stderr, Does.Contain("paths.exclude: 'fixture/**' matches none of the"));
    }

    [Test]
    public void Baseline_update_adds_new_findings_and_history_records_secrets_no_longer_in_the_tree()
    {
        using var repo = Installed();
        var gone = FakeSecrets.GitHubClassicToken(74);
        repo.Write("once.env", $"T={gone}\n");
        repo.Commit("once", "--no-verify");
        repo.Git("rm", "-q", "once.env");
        repo.Commit("removed", "--no-verify");
        repo.Write("now.env", $"S={FakeSecrets.SegmentToken(75)}\n");
        repo.Commit("now", "--no-verify");

        string[] Paths() => [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, ".hookguard-baseline.json")))
            .RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)];
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        Assert.That(Paths(), Is.EqualTo(new[] { "now.env" }));
        Assert.That(repo.HookGuard("baseline", "update", "--history").ExitCode, Is.Zero);
        Assert.That(Paths(), Is.EquivalentTo(new[] { "now.env", "once.env" }));
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, ".hookguard-baseline.json")), Does.Not.Contain(gone));
    }

    [Test]
    public void A_linked_worktree_uses_its_own_checkout_of_the_config()
    {
        using var repo = Installed("paths:\n  exclude: [\"fixtures/**\"]\n");
        var path = repo.Root + "-wt";
        repo.Git("worktree", "add", "-q", "-b", "side", path);
        using var worktree = new TempRepo(init: false, path: path);
        worktree.Write("fixtures/a.env", $"T={FakeSecrets.GitHubClassicToken(76)}\n");
        Assert.That(worktree.Commit("excluded in the worktree too").ExitCode, Is.Zero);
        worktree.Write("src/b.env", $"T={FakeSecrets.GitHubClassicToken(77)}\n");
        Assert.That(worktree.Commit("not excluded").ExitCode, Is.Not.Zero);
    }
}
