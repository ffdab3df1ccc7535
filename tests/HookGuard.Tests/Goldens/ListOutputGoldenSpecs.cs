using HookGuard.Tests.Support;

namespace HookGuard.Tests.Goldens;

/// <summary>
/// The list commands' outputs as golden files: `allowlist list` whole (an active, a stale and an
/// incomplete comment, a fingerprint entry), `rules list` by its first entries (the whole list changes
/// with every rule added) and its closing line or bracket.
/// </summary>
public partial class OutputGoldenSpecs
{
    [TestCase("text", "allowlist-list.txt")]
    [TestCase("json", "allowlist-list.json")]
    public void The_allowlist_list_in_each_format(string format, string golden)
    {
        using var repo = new TempRepo();
        repo.Write("README.md", "# demo\n");
        repo.Write("cfg/settings.py",
            $"TOKEN = \"{FakeSecrets.SegmentToken()}\"  # hookguard:allow segment-workspace-api-key reason=\"revoked in the demo workspace\" reviewed-by=alice\n" +
            "NAME = \"demo\"  # hookguard:allow * reason=\"nothing here any more\" reviewed-by=bob\n" +
            $"KEY = \"{FakeSecrets.SegmentToken(7)}\"  # hookguard:allow segment-workspace-api-key reason=\"no reviewer yet\"\n");
        repo.Write(".hookguard.yaml", "allowlist:\n  fingerprints:\n    - fingerprint: " + new string('a', 64) + "\n      reason: revoked test key\n      reviewed-by: carol\n");
        repo.Commit("first");
        var result = repo.HookGuard("allowlist", "list", "--format", format);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Golden.Check(golden, Normalize(result.Stdout));
    }

    [TestCase("text", "rules-list-head.txt", 3)]
    [TestCase("json", "rules-list-head.json", 3 * 7 + 1)]
    public void The_rules_list_in_each_format_by_its_first_entries(string format, string golden, int headLines)
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["rules", "list", "--format", format], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var lines = result.Stdout.Replace("\r\n", "\n").Split('\n');
        Golden.Check(golden, string.Join('\n', lines.Take(headLines)) + "\n");
        if (format == "json") Assert.That(result.Stdout.TrimEnd(), Does.EndWith("\n  }\n]"));
        else Assert.That(lines[^2], Does.Match(@"^[0-9]+ rules from [0-9]+ providers$"));
    }
}
