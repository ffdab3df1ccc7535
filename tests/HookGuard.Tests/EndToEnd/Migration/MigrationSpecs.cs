using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Migration;

/// <summary>Coming from another scanner: its baseline files imported, its common flags taken.</summary>
[Parallelizable(ParallelScope.All)]
public class MigrationSpecs
{
    private static JsonArray BaselineEntries(TempRepo repo) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(repo.Root, ".hookguard-baseline.json")))!.AsObject()
            .Select(p => p.Value).OfType<JsonArray>().First();

    [Test]
    public void Gitleaksignore_entries_are_re_derived_by_file_and_line_and_unmatched_ones_listed()
    {
        using var repo = new TempRepo();
        repo.Write("a.env", $"# fixture\nT={FakeSecrets.GitHubClassicToken(121)}\n");
        repo.Write(".gitleaksignore", $"# accepted\na.env:github-pat:2\n{new string('a', 40)}:gone.env:aws-key:7\n");
        repo.Stage();
        var import = repo.HookGuard("baseline", "import");
        Assert.That(import.ExitCode, Is.Zero, import.Output);
        Assert.That(import.Stdout, Does.Contain("imported 1 of 2 entries").And.Contain("not imported: gone.env:7"));
        Assert.That(import.Stdout, Does.Contain("fingerprints are not HookGuard's"));
        var entries = BaselineEntries(repo);
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0]!.ToJsonString(), Does.Contain("a.env"));
        var scan = repo.HookGuard("scan", ".");
        Assert.That(scan.ExitCode, Is.Zero, "the imported finding is in the baseline: " + scan.Output);
    }

    [Test]
    public void A_detect_secrets_baseline_is_matched_by_the_secret_s_sha1_and_real_secrets_are_not_imported()
    {
        using var repo = new TempRepo();
        var fixture = FakeSecrets.GitHubClassicToken(122);
        var live = FakeSecrets.GitHubClassicToken(123);
        repo.Write("cfg/a.env", $"T={fixture}\nU={live}\n");
#pragma warning disable CA5350 // detect-secrets names a secret by its SHA-1; this is that format, not a protection.
        string Sha1(string s) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(s)));
#pragma warning restore CA5350
        repo.Write(".secrets.baseline", $$"""
            { "version": "1.5.0", "results": { "cfg/a.env": [
              { "type": "GitHub Token", "filename": "cfg/a.env", "hashed_secret": "{{Sha1(fixture)}}", "is_verified": false, "line_number": 9 },
              { "type": "GitHub Token", "filename": "cfg/a.env", "hashed_secret": "{{Sha1(live)}}", "is_secret": true, "line_number": 2 } ] } }
            """);
        repo.Stage();
        var import = repo.HookGuard("baseline", "import");
        Assert.That(import.ExitCode, Is.Zero, import.Output);
        Assert.That(import.Stdout, Does.Contain("imported 1 of 1 entries"));
        var scan = repo.HookGuard("scan", "--format", "json", ".");
        Assert.That(scan.ExitCode, Is.EqualTo(1), "the secret detect-secrets marked real still blocks");
        var findings = JsonNode.Parse(scan.Stdout)!["findings"]!.AsArray();
        Assert.That(findings.Where(f => (string?)f!["path"] == "cfg/a.env").Select(f => (int)f!["line"]!).ToArray(), Is.EqualTo(new[] { 2 }), scan.Stdout);
    }

    [Test]
    public void Other_scanners_flags_are_taken_in_hookguard_s_spelling()
    {
        using var repo = new TempRepo();
        repo.Write("a.env", $"T={FakeSecrets.GitHubClassicToken(124)}\n");
        var output = Path.Combine(repo.Root, "report.json");
        var scan = repo.HookGuard("scan", "--no-banner", "--redact", "-f", "json", "-o", output, "--exit-code", "1", "-q", ".");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(JsonNode.Parse(File.ReadAllText(output)), Is.Not.Null);
        Assert.That(repo.HookGuard("scan", "--report-format=sarif", "-v", ".").Stdout, Does.Contain("\"version\": \"2.1.0\""));

        var exitCode = repo.HookGuard("scan", "--exit-code", "42", ".");
        Assert.That(exitCode.ExitCode, Is.EqualTo(2));
        Assert.That(exitCode.Stderr, Does.Contain("[ $? -eq 1 ] && exit 42"));
    }
}
