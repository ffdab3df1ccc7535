using System.Text.Json.Nodes;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Ci;

/// <summary>`--format gitlab`, a range the clone lacks, and `scan -`.</summary>
[Parallelizable(ParallelScope.All)]
public class GitLabReportSpecs
{
    /// <summary>What GitLab's secret-detection schema (15.x) requires of the report and each vulnerability.</summary>
    internal static void AssertReportShape(JsonNode report, string status)
    {
        Assert.That((string?)report["version"], Does.Match(@"^15\.\d+\.\d+$"));
        var scan = report["scan"]!;
        Assert.That((string?)scan["type"], Is.EqualTo("secret_detection"));
        Assert.That((string?)scan["status"], Is.EqualTo(status));
        foreach (var part in new[] { "analyzer", "scanner" })
        {
            Assert.That((string?)scan[part]!["id"], Is.EqualTo("hookguard"));
            Assert.That((string?)scan[part]!["vendor"]!["name"], Is.Not.Empty);
            Assert.That((string?)scan[part]!["version"], Is.Not.Empty);
        }
        foreach (var time in new[] { "start_time", "end_time" })
            Assert.That((string?)scan[time], Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"));
        foreach (var v in report["vulnerabilities"]!.AsArray())
        {
            Assert.That((string?)v!["id"], Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            Assert.That((string?)v["severity"], Is.AnyOf("Critical", "High", "Medium", "Low", "Info", "Unknown"));
            Assert.That(v["identifiers"]!.AsArray(), Is.Not.Empty);
            Assert.That((string?)v["identifiers"]![0]!["value"], Is.Not.Empty);
            Assert.That((string?)v["location"]!["commit"]!["sha"], Is.Not.Empty);
            Assert.That((string?)v["location"]!["file"], Is.Not.Empty);
        }
    }

    [Test]
    public void Findings_in_files_are_reported_without_the_secret_and_with_GitLab_s_no_commit_sha()
    {
        using var repo = new TempRepo();
        var token = FakeSecrets.GitHubClassicToken(111);
        repo.Write("a.env", $"T={token}\n");
        var scan = repo.HookGuard("scan", "--format", "gitlab", ".");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        var report = JsonNode.Parse(scan.Stdout)!;
        AssertReportShape(report, "success");
        Assert.That((string?)report["vulnerabilities"]![0]!["location"]!["commit"]!["sha"], Is.EqualTo("0000000"));
        Assert.That(scan.Stdout, Does.Not.Contain(token));
        Assert.That(repo.HookGuard("scan", "--format", "gitlab", "--show-secrets", ".").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void A_range_the_clone_does_not_have_is_exit_2_and_the_report_still_says_why()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "a\n");
        repo.Commit("a", "--no-verify");
        var output = Path.Combine(repo.Root, "gl.json");
        var scan = repo.HookGuard("scan", "--range", "origin/main..HEAD", "--format", "gitlab", "--output", output);
        Assert.That(scan.ExitCode, Is.EqualTo(2), scan.Output);
        Assert.That(scan.Stderr, Does.Contain("'origin/main' is not a commit in this clone"));
        var report = JsonNode.Parse(File.ReadAllText(output))!;
        AssertReportShape(report, "failure");
        Assert.That((string?)report["scan"]!["messages"]![0]!["value"], Does.Contain("origin/main"));
    }

    [Test]
    public void Dash_scans_standard_input()
    {
        using var repo = new TempRepo();
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "-"], stdin: $"config:\n  token: {FakeSecrets.GitHubClassicToken(112)}\n");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("stdin:2"));
        Assert.That(repo.Run(HookGuardBinary.Path, ["scan", "-"], stdin: "nothing here\n").ExitCode, Is.Zero);
    }
}
