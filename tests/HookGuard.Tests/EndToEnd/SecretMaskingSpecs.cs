using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>A printed line masks every secret on it, whatever the verdict on each; examples are redacted too.</summary>
[Parallelizable(ParallelScope.All)]
public class SecretMaskingSpecs
{
    [Test]
    public void A_baselined_secret_next_to_a_new_one_stays_masked()
    {
        using var repo = TempRepo.WithHooks();
        var old = FakeSecrets.SegmentToken(601);
        repo.Write("keys.env", $"OLD={old}\n");
        repo.Stage();
        repo.Git("commit", "-q", "--no-verify", "-m", "old key");
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        Assert.That(repo.Commit("baseline").ExitCode, Is.Zero);

        var fresh = FakeSecrets.GitHubClassicToken(602);
        repo.Write("keys.env", $"OLD={old} NEW={fresh}\n");
        var commit = repo.Commit("new key on the old key's line");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Not.Contain(old[4..]).And.Not.Contain(fresh[4..]));
    }

    [Test]
    public void An_allowed_secret_on_the_line_of_a_blocked_one_stays_masked()
    {
        using var repo = TempRepo.WithHooks();
        var allowed = FakeSecrets.GitHubClassicToken(603);
        var blocked = FakeSecrets.SegmentToken(604);
        repo.Write("probe.env", $"GITHUB_TOKEN={allowed} SEGMENT_TOKEN={blocked}\n");
        repo.Stage();
        var json = System.Text.Json.JsonDocument.Parse(repo.HookGuard("scan", "--staged", "--format", "json").Stdout).RootElement.GetProperty("findings");
        var github = json.EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == "github-personal-access-token");
        Assert.That(repo.HookGuard("allow", github.GetProperty("fingerprint").GetString()!, "--reason", "documented example", "--reviewed-by", "alice").ExitCode, Is.Zero);
        var commit = repo.Commit("one allowed, one not");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("segment-workspace-api-key"));
        Assert.That(commit.Output, Does.Not.Contain(allowed[4..]).And.Not.Contain(blocked[4..]));
    }

    [Test]
    public void The_body_of_a_key_written_as_one_string_is_masked_past_its_header()
    {
        using var repo = TempRepo.WithHooks();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var bodyLines = pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 24).ToList();
        repo.Write("sa.json", "{\"private_key\": \"" + pem.Replace("\n", "\\n", StringComparison.Ordinal) + "\\n\"}\n");
        var commit = repo.Commit("key as a json string");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        foreach (var body in bodyLines)
            Assert.That(commit.Output, Does.Not.Contain(body[4..24]), "no part of the key body in clear");
    }

    private const string LeakyExamples = """
        rules:
          custom:
            - id: acme-token
              name: ACME token
              severity: high
              keywords: [acme_]
              pattern: '\b(acme_[a-z0-9]{32})\b'
              entropy: 3.0
              remediation: { summary: Grants ACME access., revoke: [Revoke it.], docs: https://acme.invalid/tokens }
              examples:
                match: ['TOKEN=acme_q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3', 'TOKEN=acme_NOTFOUNDBECAUSEUPPERCASEQWERTYUIOPAS']
                noMatch: ['LIVE=acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4']
        """;

    [Test]
    public void Rules_test_and_config_validate_redact_example_values_unless_asked()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write(".hookguard.yaml", LeakyExamples);
        foreach (var args in new[] { new[] { "rules", "test" }, ["config", "validate"] })
        {
            var run = repo.HookGuard(args);
            Assert.That(run.ExitCode, Is.Not.Zero, run.Output);
            Assert.That(run.Output, Does.Contain("noMatch example was found"));
            Assert.That(run.Output, Does.Not.Contain("z9y8x7w6v5u4t3s2r1q0").And.Not.Contain("NOTFOUNDBECAUSEUPPERCASE"), string.Join(' ', args));
            var shown = repo.HookGuard([.. args, "--show-secrets"]);
            Assert.That(shown.Output, Does.Contain("acme_z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4"), string.Join(' ', args) + " --show-secrets");
        }
    }
}
