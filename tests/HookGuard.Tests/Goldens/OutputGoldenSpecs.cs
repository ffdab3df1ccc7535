using System.Text.RegularExpressions;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Goldens;

/// <summary>
/// Every output contract as a golden file reviewed as text: the blocked-commit report (80 columns), JSON,
/// SARIF and every command's --help. Run with HOOKGUARD_UPDATE_GOLDENS=1 to rewrite them after an intended
/// change, then review the diff of Goldens/expected like code.
/// </summary>
[Parallelizable(ParallelScope.All)]
public partial class OutputGoldenSpecs
{
    private static readonly string[] CommandWords =
    [
        "scan", "install", "uninstall", "rules list", "rules show", "rules test", "baseline create", "baseline update",
        "baseline prune", "baseline import", "config validate", "allowlist list", "allow", "audit", "doctor", "version",
    ];

    public static IEnumerable<TestCaseData> HelpCases() =>
        CommandWords.Select(w => new TestCaseData(w).SetName($"Help of '{w}' is its golden file"));

    [TestCaseSource(nameof(HelpCases))]
    public void Help_text(string words)
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, [.. words.Split(' '), "--help"], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Golden.Check("help-" + words.Replace(' ', '-') + ".txt", result.Stdout);
    }

    [Test]
    public void Top_level_help_text()
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["--help"], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Golden.Check("help.txt", result.Stdout);
    }

    [TestCase("text", "blocked-commit.txt")]
    [TestCase("json", "blocked-commit.json")]
    [TestCase("sarif", "blocked-commit.sarif")]
    public void A_blocked_staged_change_in_each_format(string format, string golden)
    {
        using var repo = StagedSecrets();
        var result = repo.Run(HookGuardBinary.Path, ["scan", "--staged", "--no-color", "--format", format],
            env: new Dictionary<string, string?> { ["COLUMNS"] = "80" });
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Golden.Check(golden, Normalize(format == "text" ? result.Stdout + result.Stderr : result.Stdout));
    }

    /// <summary>Two provider keys and one allowed by a reviewed comment: the report's every part shows.</summary>
    private static TempRepo StagedSecrets()
    {
        var repo = new TempRepo();
        repo.Write("README.md", "# demo\n");
        repo.Commit("first");
        repo.Write("cfg/settings.py", $"import os\nSEGMENT_TOKEN = \"{FakeSecrets.SegmentToken()}\"\nDEBUG = False\n");
        repo.Write("deploy/aws.env", $"AWS_ACCESS_KEY_ID={FakeSecrets.AwsAccessKeyId()}\n");
        repo.Stage();
        return repo;
    }

    /// <summary>What changes from run to run (timings, versions), never what a reader relies on.</summary>
    private static string Normalize(string output)
    {
        output = ElapsedText().Replace(output, "in <ms> ms;");
        output = Elapsed().Replace(output, m => m.Groups[1].Value + "<ms>" + m.Groups[2].Value);
        output = BuildCommit().Replace(output, "$1+<commit>");
        // Fingerprints are salted with the repository's root commit, whose id carries the time it was made.
        output = Fingerprint().Replace(output, "<fingerprint>");
        output = ShortFingerprint().Replace(output, "fp=<fp>");
        return output.Replace("\r\n", "\n");
    }

    [GeneratedRegex(@"in [0-9.]+ m?s;")]
    private static partial Regex ElapsedText();

    [GeneratedRegex(@"(in |""elapsedMs"": )[0-9.]+( ms|,|\n)")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"\b[0-9a-f]{64}\b")]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"fp=[0-9a-f]{12}\b")]
    private static partial Regex ShortFingerprint();

    // A version may name the commit it was built from.
    [GeneratedRegex(@"([0-9]+\.[0-9]+\.[0-9]+)\+[0-9a-f]{7,40}")]
    private static partial Regex BuildCommit();
}
