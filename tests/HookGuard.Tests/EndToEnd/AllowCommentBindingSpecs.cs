using System.Text.Json;
using System.Text.RegularExpressions;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>An allow comment approves the secret it was written for, not the place it stands.</summary>
[Parallelizable(ParallelScope.All)]
public class AllowCommentBindingSpecs
{
    private const string Reviewed = "reason=\"revoked fixture\" reviewed-by=alice";

    private static TempRepo Committed(string path, string text)
    {
        var repo = TempRepo.WithHooks();
        repo.Write(path, text);
        var commit = repo.Commit("start");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        return repo;
    }

    [Test]
    public void An_existing_comment_line_does_not_cover_a_secret_inserted_below_it_later()
    {
        using var repo = Committed("settings.py", $"# hookguard:allow * {Reviewed}\nDEBUG = False\n");
        repo.Write("settings.py", $"# hookguard:allow * {Reviewed}\nTOKEN = \"{FakeSecrets.SegmentToken(401)}\"\nDEBUG = False\n");
        var commit = repo.Commit("insert under an old comment");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("was there before this line"));
    }

    [Test]
    public void A_comment_line_added_together_with_the_secret_covers_it()
    {
        using var repo = Committed("settings.py", "DEBUG = False\n");
        repo.Write("settings.py", $"DEBUG = False\n# hookguard:allow * {Reviewed}\nTOKEN = \"{FakeSecrets.SegmentToken(402)}\"\n");
        var commit = repo.Commit("comment and secret together");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
    }

    [Test]
    public void An_existing_comment_with_the_secrets_fp_covers_it_and_one_with_another_fp_does_not()
    {
        using var repo = Committed("settings.py", "DEBUG = False\n");
        var secret = FakeSecrets.SegmentToken(403);
        repo.Write("probe.py", $"TOKEN = \"{secret}\"\n");
        var fp = repo.StagedFingerprint()[..12];
        File.Delete(Path.Combine(repo.Root, "probe.py"));
        repo.Write("settings.py", $"# hookguard:allow * fp={fp} {Reviewed}\nDEBUG = False\n");
        Assert.That(repo.Commit("comment first").ExitCode, Is.Zero);

        repo.Write("settings.py", $"# hookguard:allow * fp={fp} {Reviewed}\nTOKEN = \"{FakeSecrets.SegmentToken(404)}\"\nDEBUG = False\n");
        var other = repo.Commit("another secret under it");
        Assert.That(other.ExitCode, Is.EqualTo(1), other.Output);
        Assert.That(other.Output, Does.Contain($"names fp={fp}, which is not this secret"));

        repo.Write("settings.py", $"# hookguard:allow * fp={fp} {Reviewed}\nTOKEN = \"{secret}\"\nDEBUG = False\n");
        Assert.That(repo.Commit("the secret it names").ExitCode, Is.Zero);
    }

    [Test]
    public void A_trailing_comment_covers_only_its_own_line()
    {
        using var repo = Committed("keys.py", $"A = \"{FakeSecrets.SegmentToken(405)}\"  # hookguard:allow * {Reviewed}\n");
        repo.Write("keys.py", $"A = \"{FakeSecrets.SegmentToken(405)}\"  # hookguard:allow * {Reviewed}\nB = \"{FakeSecrets.GitHubClassicToken(406)}\"\n");
        var commit = repo.Commit("token under a trailing comment");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("keys.py:2"));

        using var together = TempRepo.WithHooks();
        together.Write("keys.py", $"A = \"{FakeSecrets.SegmentToken(407)}\"  # hookguard:allow * {Reviewed}\nB = \"{FakeSecrets.GitHubClassicToken(408)}\"\n");
        var both = together.Commit("both added at once");
        Assert.That(both.ExitCode, Is.EqualTo(1), both.Output);
        Assert.That(both.Output, Does.Contain("keys.py:2").And.Not.Contain("keys.py:1:"));
    }

    [TestCase("reason=reviewed-by=bob")]
    [TestCase("reason=\"fixture\"reviewed-by=bob")]
    [TestCase("reason=x,reviewed-by=bob")]
    public void Attributes_are_separate_whitespace_separated_tokens(string attributes)
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.py", $"K = \"{FakeSecrets.SegmentToken(409)}\"  # hookguard:allow * {attributes}\n");
        var commit = repo.Commit("one attribute posing as two");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("needs reviewed-by=<name>"));
    }

    [Test]
    public void The_report_prints_the_exact_allow_line_with_fp_and_that_line_allows_the_secret()
    {
        using var repo = TempRepo.WithHooks();
        var line = $"K = \"{FakeSecrets.SegmentToken(410)}\"";
        repo.Write("a.py", line + "\n");
        var blocked = repo.Commit("blocked");
        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        var allow = Regex.Match(blocked.Output, @"hookguard:allow segment-workspace-api-key fp=[0-9a-f]{12} reason=""<why it is not live>"" reviewed-by=<name>");
        Assert.That(allow.Success, Is.True, blocked.Output);
        repo.Write("a.py", line + "  # " + allow.Value.Replace("<why it is not live>", "revoked").Replace("<name>", "alice") + "\n");
        var allowed = repo.Commit("allowed as printed");
        Assert.That(allowed.ExitCode, Is.Zero, allowed.Output);
    }

    [Test]
    public void A_json_finding_gets_the_allow_command_with_its_whole_fingerprint_which_works()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("config.json", $"{{\"token\": \"{FakeSecrets.SegmentToken(411)}\"}}\n");
        var blocked = repo.Commit("json");
        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        var command = Regex.Match(blocked.Output, @"hookguard allow ([0-9a-f]{64}) --reason ""<why it is not live>"" --reviewed-by <name>");
        Assert.That(command.Success, Is.True, blocked.Output);
        Assert.That(blocked.Output, Does.Not.Contain("hookguard:allow segment"));
        Assert.That(repo.HookGuard("allow", command.Groups[1].Value, "--reason", "revoked", "--reviewed-by", "alice").ExitCode, Is.Zero);
        Assert.That(repo.Commit("json allowed").ExitCode, Is.Zero);
    }

    [TestCase("# gitleaks:allow")]
    [TestCase("# pragma: allowlist secret")]
    [TestCase("# trufflehog:ignore")]
    [TestCase("# ggignore")]
    public void Another_scanners_ignore_comment_is_not_honoured_and_the_report_offers_the_hookguard_line(string foreign)
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.py", $"K = \"{FakeSecrets.SegmentToken(412)}\"  {foreign}\n");
        var commit = repo.Commit("foreign ignore");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("another scanner's ignore comment").And.Contain("hookguard:allow segment-workspace-api-key fp="));
    }
}
