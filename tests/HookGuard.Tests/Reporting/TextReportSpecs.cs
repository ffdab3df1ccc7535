using System.Text.RegularExpressions;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Reporting;

/// <summary>The report a blocked developer reads, as the binary prints it.</summary>
public class TextReportSpecs
{
    private static (TempRepo Repo, string[] Secrets) TwoFilesThreeFindings()
    {
        var repo = new TempRepo();
        string[] secrets = [FakeSecrets.GitHubClassicToken(101), FakeSecrets.GitHubClassicToken(102), FakeSecrets.SegmentToken(103)];
        repo.Write("a.env", $"ONE={secrets[0]}\nTWO={secrets[1]}\n");
        repo.Write("config/very/deeply/nested/settings.py", "SEGMENT_WORKSPACE_TOKEN_FOR_THE_ANALYTICS_PIPELINE = \"" + secrets[2] + "\"  # with a long trailing comment\n");
        repo.Stage();
        return (repo, secrets);
    }

    [Test]
    public void Findings_are_grouped_by_file_masked_with_a_caret_and_remediation_comes_once_per_rule()
    {
        var (repo, secrets) = TwoFilesThreeFindings();
        using var _ = repo;
        var report = repo.HookGuard("scan", "--staged", "--hook", "pre-commit").Stdout;
        var lines = report.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Where(s => report.Contains(s, StringComparison.Ordinal)), Is.Empty, "no secret in clear");
            Assert.That(lines.Count(l => l == "a.env"), Is.EqualTo(1), "one header per file");
            Assert.That(Regex.Count(report, "── What to do: GitHub"), Is.EqualTo(1), "remediation once per rule");
            Assert.That(lines.Where(l => l.TrimStart().StartsWith('^')), Has.Exactly(3).Items, "a caret under each secret");
            // Only what must stay whole to be copied may pass 80 columns: the allow comment template and URLs.
            Assert.That(lines.Where(l => !l.StartsWith("  hookguard:allow ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("https://", StringComparison.Ordinal))
                .Where(l => l.Length > 80), Is.Empty, "80 columns");
            Assert.That(lines.Last(l => l.Length > 0), Does.StartWith("hookguard: scanned 2 files, 3 added lines").And.EndWith("3 findings: commit blocked."));
        });
    }

    [Test]
    public void Quiet_prints_only_the_summary_and_verbose_adds_what_was_allowed()
    {
        var (repo, _) = TwoFilesThreeFindings();
        using var __ = repo;
        var quiet = repo.HookGuard("scan", "--staged", "--quiet").Stdout.Trim().Split('\n');
        Assert.That(quiet, Has.Length.EqualTo(1));
        Assert.That(quiet[0], Does.Contain("3 findings"));

        repo.Write("a.env", File.ReadAllText(Path.Combine(repo.Root, "a.env")).Replace("\nTWO", "  # hookguard:allow * reason=\"fixture\" reviewed-by=alice\nTWO", StringComparison.Ordinal));
        repo.Stage();
        var verbose = repo.HookGuard("scan", "--staged", "--verbose").Stdout;
        Assert.That(verbose, Does.Contain("allowed: a.env:1 github-personal-access-token: allowlist comment: fixture (reviewed by alice)"));
    }
}
