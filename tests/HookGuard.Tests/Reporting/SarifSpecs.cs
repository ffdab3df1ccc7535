using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Reporting;

public class SarifSpecs
{
    [Test]
    public void A_sarif_report_passes_the_sarif_validator_and_carries_rules_regions_and_fingerprints()
    {
        using var repo = new TempRepo();
        var secret = FakeSecrets.GitHubClassicToken(42);
        repo.Write("a.env", $"T={secret}\n");
        var sarif = Path.Combine(repo.Root, "out.sarif");
        var scan = repo.HookGuard("scan", "--format", "sarif", "--output", sarif, ".");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        var text = File.ReadAllText(sarif);
        Assert.That(text, Does.Not.Contain(secret));

        var run = JsonDocument.Parse(text).RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        var result = run.GetProperty("results")[0];
        Assert.Multiple(() =>
        {
            Assert.That(rule.GetProperty("help").GetProperty("text").GetString(), Does.Contain("Rotate"));
            Assert.That(rule.GetProperty("helpUri").GetString(), Does.StartWith("https://"));
            Assert.That(result.GetProperty("partialFingerprints").GetProperty("hookguardFingerprint/v1").GetString(), Has.Length.EqualTo(64));
            var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.That((region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()), Is.EqualTo((1, 3)));
        });

        var validator = Environment.GetEnvironmentVariable("SARIF_MULTITOOL");
        if (string.IsNullOrEmpty(validator)) Assert.Inconclusive("SARIF_MULTITOOL is not set (tests/run.sh installs and sets it)");
        var log = Path.Combine(repo.Root, "validation.sarif");
        var validate = repo.Run(validator, ["validate", sarif, "--output", log, "--log", "ForceOverwrite"]);
        Assert.That(validate.ExitCode, Is.Zero, validate.Output);
        var problems = JsonDocument.Parse(File.ReadAllText(log)).RootElement.GetProperty("runs")[0].GetProperty("results")
            .EnumerateArray().Where(r => r.TryGetProperty("level", out var l) && l.GetString() == "error")
            .Select(r => r.GetProperty("message").ToString()).ToList();
        Assert.That(problems, Is.Empty);
    }
}
