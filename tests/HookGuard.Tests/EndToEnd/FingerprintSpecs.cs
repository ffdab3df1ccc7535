using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>Fingerprints that cost a guesser time, differ between repositories and stay the same in every clone.</summary>
[Parallelizable(ParallelScope.All)]
public class FingerprintSpecs
{
    private static string StagedFingerprint(TempRepo repo)
    {
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        return JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("fingerprint").GetString()!;
    }

    private static TempRepo WithRootCommit(string text)
    {
        var repo = new TempRepo();
        repo.Write("README", text);
        repo.Stage();
        repo.Git("commit", "-q", "-m", "root");
        return repo;
    }

    [Test]
    public void A_fingerprint_is_the_slow_salted_hash_of_docs_design_not_a_sha256_of_the_secret()
    {
        using var repo = WithRootCommit("one\n");
        var secret = FakeSecrets.SegmentToken(301);
        repo.Write("a.env", $"T={secret}\n");
        var fingerprint = StagedFingerprint(repo);

        var root = repo.Git("rev-list", "--max-parents=0", "HEAD").Trim();
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("segment-workspace-api-key\n" + secret),
            Encoding.UTF8.GetBytes("hookguard-fingerprint-v2:" + root), 30_000, HashAlgorithmName.SHA256, 32);
        Assert.That(fingerprint, Is.EqualTo(Convert.ToHexStringLower(expected)));
        Assert.That(fingerprint, Is.Not.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("segment-workspace-api-key:" + secret)))));
    }

    [Test]
    public void The_same_secret_has_another_fingerprint_in_another_repository_and_the_same_in_a_clone()
    {
        using var first = WithRootCommit("first\n");
        using var second = WithRootCommit("second\n");
        var secret = FakeSecrets.SegmentToken(302);
        first.Write("a.env", $"T={secret}\n");
        second.Write("a.env", $"T={secret}\n");
        var inFirst = StagedFingerprint(first);
        Assert.That(StagedFingerprint(second), Is.Not.EqualTo(inFirst), "salted per repository");

        first.Git("commit", "-q", "-m", "secret", "--no-verify");
        using var clone = new TempRepo(init: false);
        clone.Run("git", ["clone", "-q", first.Root, clone.Root]);
        clone.Write("b.env", $"T={secret}\n");
        Assert.That(StagedFingerprint(clone), Is.EqualTo(inFirst), "stable in every clone");
    }

    [Test]
    public void A_baseline_entry_in_the_retired_unsalted_scheme_blocks_and_says_how_to_renew_it()
    {
        using var repo = WithRootCommit("one\n");
        var secret = FakeSecrets.GitHubClassicToken(303);
        var legacy = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("github-personal-access-token:" + secret)));
        repo.Write(".hookguard-baseline.json",
            $$"""{ "version": 1, "findings": [ { "fingerprint": "{{legacy}}", "ruleId": "github-personal-access-token", "path": "a.env", "line": 1 } ] }""" + "\n");
        repo.Stage();
        repo.Git("commit", "-q", "-m", "baseline of the old scheme");
        repo.Write("a.env", $"T={secret}\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Stdout, Does.Contain("retired unsalted fingerprint").And.Contain("hookguard baseline update"));
    }
}
