using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>The published binary's contract: exit codes, JSON, errors without stack traces.</summary>
[Parallelizable(ParallelScope.All)]
public class CliSpecs
{
    [Test]
    public void Outside_a_repository_a_staged_scan_exits_2_with_a_message()
    {
        var dir = Directory.CreateTempSubdirectory("hg-norepo-").FullName;
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--staged"], dir);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not inside a git work tree"));
    }

    [Test]
    public void An_unknown_option_exits_2_and_suggests_the_close_one()
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--stagd"], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("'--stagd'").And.Contain("--staged"));
    }

    [Test]
    public void Git_missing_from_path_exits_3_naming_git_without_a_stack_trace()
    {
        using var repo = new TempRepo();
        // Something staged, which HookGuard could read without git: a missing git is still a broken setup to report.
        repo.Write("a.txt", $"key = {FakeSecrets.AwsAccessKeyId()}\n");
        repo.Stage();
        var result = repo.Run(HookGuardBinary.Path, ["scan", "--staged", "--hook", "pre-commit"], env: new Dictionary<string, string?> { ["PATH"] = "/nonexistent" });
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stderr, Does.Contain("git was not found").And.Contain("--no-verify"));
        Assert.That(result.Output, Does.Not.Contain("   at "));
    }

    [Test]
    public void Json_output_follows_the_contract()
    {
        using var repo = new TempRepo();
        var secret = FakeSecrets.SegmentToken();
        repo.Write("x/y.py", $"A = 1\nSEG = \"{secret}\"\n");
        repo.Stage();
        var result = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Not.Contain(secret));
        var finding = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("findings")[0];
        Assert.Multiple(() =>
        {
            Assert.That(finding.GetProperty("path").GetString(), Is.EqualTo("x/y.py"));
            Assert.That(finding.GetProperty("line").GetInt32(), Is.EqualTo(2));
            Assert.That(finding.GetProperty("column").GetInt32(), Is.EqualTo(8));
            Assert.That(finding.GetProperty("endColumn").GetInt32(), Is.EqualTo(8 + secret.Length));
            Assert.That(finding.GetProperty("secretRedacted").GetString(), Is.EqualTo("sgp_****"));
            Assert.That(finding.GetProperty("fingerprint").GetString(), Has.Length.EqualTo(64));
            Assert.That(finding.GetProperty("commit").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(finding.GetProperty("remediation").GetProperty("docs").GetString(), Does.StartWith("https://"));
        });
    }

    [Test]
    public void Scanning_a_folder_needs_no_git_and_reports_paths_relative_to_it()
    {
        var dir = Directory.CreateTempSubdirectory("hg-files-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "deep"));
        File.WriteAllText(Path.Combine(dir, "deep", "a.cfg"), $"key = {FakeSecrets.SegmentToken()}\n");
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--format", "json", dir], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("findings")[0].GetProperty("path").GetString(), Is.EqualTo("deep/a.cfg"));
    }

    [Test]
    public void Show_secrets_is_refused_for_sarif()
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--format", "sarif", "--show-secrets", "."], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Rules_test_runs_every_built_in_example()
    {
        var result = ProcessRunner.Run(HookGuardBinary.Path, ["rules", "test"], Path.GetTempPath());
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Stdout, Does.Match(@"\d+ rules, \d+ examples, 0 failed"));
    }

    // On Linux, output goes out with write(2) (Reporting/StandardStreams), not through .NET's console streams.
    [Test]
    public void Output_into_a_pipe_nobody_reads_ends_quietly_with_the_command_s_own_exit_code()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("needs a POSIX shell");
        var dir = Directory.CreateTempSubdirectory("hg-epipe-").FullName;
        // The reader closes its end before hookguard writes a byte, so every write meets EPIPE.
        const string script = """
            mkfifo go
            { read -r _ < go; "$0" rules list; echo "status $?" > status; } 2> stderr | { exec 0<&-; echo > go; }
            cat status stderr
            """;
        var result = ProcessRunner.Run("sh", ["-c", script, HookGuardBinary.Path], dir);
        Assert.That(result.Output, Is.EqualTo("status 0\n"));
    }

    [Test]
    public void A_closed_standard_output_is_not_an_error()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("needs a POSIX shell");
        var result = ProcessRunner.Run("sh", ["-c", "\"$0\" rules list >&-; echo \"status $?\"", HookGuardBinary.Path], Path.GetTempPath());
        Assert.That(result.Output, Is.EqualTo("status 0\n"));
    }

    [Test]
    public void Paths_are_printed_in_UTF_8_whatever_the_locale()
    {
        using var repo = new TempRepo();
        repo.Write("ключ/секрет.py", $"SEG = \"{FakeSecrets.SegmentToken()}\"\n");
        repo.Stage();
        var result = repo.Run(HookGuardBinary.Path, ["scan", "--staged"], env: new Dictionary<string, string?> { ["LANG"] = "C", ["LC_ALL"] = "C" });
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Stdout, Does.Contain("ключ/секрет.py:1:8"));
    }
}
