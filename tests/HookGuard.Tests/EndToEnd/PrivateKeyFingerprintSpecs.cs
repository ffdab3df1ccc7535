using System.Security.Cryptography;
using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>A private key is fingerprinted by its body: allowing one key never allows another of its type.</summary>
[Parallelizable(ParallelScope.All)]
public class PrivateKeyFingerprintSpecs
{
    private static string NewEcKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportECPrivateKeyPem() + "\n";
    }

    private static string NewPkcs8KeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    private static List<(string Path, string Fingerprint)> StagedFindings(TempRepo repo)
    {
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        var findings = JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings");
        return findings.EnumerateArray().Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("fingerprint").GetString()!)).ToList();
    }

    [Test]
    public void A_baselined_key_file_does_not_let_a_second_key_of_the_same_type_pass()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("README", "keys\n");
        Assert.That(repo.Commit("root").ExitCode, Is.Zero);
        repo.Write("fixtures/test-key.pem", NewEcKeyPem());
        Assert.That(repo.Commit("test key").ExitCode, Is.EqualTo(1), "a key blocks");
        repo.Git("commit", "-q", "-m", "test key", "--no-verify");
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        Assert.That(repo.Commit("baseline").ExitCode, Is.Zero);
        repo.Write("fixtures/copy-of-test-key.pem", File.ReadAllText(Path.Combine(repo.Root, "fixtures/test-key.pem")));
        Assert.That(repo.Commit("the same key again").ExitCode, Is.Zero, "the same key keeps its fingerprint");

        repo.Write("deploy/prod-key.pem", NewEcKeyPem());
        var second = repo.Commit("another key");
        Assert.That(second.ExitCode, Is.EqualTo(1), second.Output);
        Assert.That(second.Output, Does.Contain("deploy/prod-key.pem:1"));
    }

    [Test]
    public void Allowing_one_key_by_fingerprint_does_not_allow_another_in_files_or_json_strings()
    {
        using var repo = TempRepo.WithHooks();
        var (first, second) = (NewPkcs8KeyPem(), NewPkcs8KeyPem());
        repo.Write("a.pem", first);
        var a = StagedFindings(repo);
        Assert.That(a, Has.Count.EqualTo(1));
        Assert.That(repo.HookGuard("allow", a[0].Fingerprint, "--reason", "test key", "--reviewed-by", "alice").ExitCode, Is.Zero);
        Assert.That(repo.Commit("allowed key").ExitCode, Is.Zero);

        repo.Write("b.pem", second);
        var b = StagedFindings(repo);
        Assert.That(b.Single().Fingerprint, Is.Not.EqualTo(a[0].Fingerprint));
        Assert.That(repo.Commit("another key").ExitCode, Is.EqualTo(1));
        File.Delete(Path.Combine(repo.Root, "b.pem"));

        // One JSON string each: the body is on the header's line.
        static string Json(string pem) => "{\"type\": \"service_account\", \"private_key\": \"" + pem.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}\n";
        repo.Write("sa-one.json", Json(first));
        repo.Write("sa-two.json", Json(second));
        var inJson = StagedFindings(repo);
        var one = inJson.Where(f => f.Path == "sa-one.json").Select(f => f.Fingerprint).ToList();
        var two = inJson.Where(f => f.Path == "sa-two.json").Select(f => f.Fingerprint).ToList();
        Assert.That(one, Is.Not.Empty, string.Join("\n", inJson));
        Assert.That(two, Is.Not.Empty, string.Join("\n", inJson));
        Assert.That(one.Intersect(two), Is.Empty, "two keys, two fingerprints");
        foreach (var fingerprint in one.Distinct())
            Assert.That(repo.HookGuard("allow", fingerprint, "--reason", "test key", "--reviewed-by", "alice").ExitCode, Is.Zero);
        // The trust rule: an allow entry judges the commits after the one that adds it.
        repo.Git("reset", "-q");
        repo.Git("add", ".hookguard.yaml");
        var allowEntry = repo.Run("git", ["commit", "-q", "-m", "allow the first json key"]);
        Assert.That(allowEntry.ExitCode, Is.Zero, allowEntry.Output);
        var blocked = repo.Commit("two json keys");
        Assert.That(blocked.ExitCode, Is.EqualTo(1), blocked.Output);
        Assert.That(blocked.Output, Does.Contain("sa-two.json:1").And.Not.Contain("sa-one.json:1"));
    }

    [Test]
    public void A_header_without_a_body_is_still_reported()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("notes.txt", "-----BEGIN RSA PRIVATE KEY-----\n(the key goes here)\n");
        var commit = repo.Commit("header only");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("notes.txt:1"));
    }
}
