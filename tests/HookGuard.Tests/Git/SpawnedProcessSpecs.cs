using HookGuard.Platform;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>Real children started with posix_spawn (Linux): what git is run through in hooks and scans.</summary>
[Platform("Linux")]
public class SpawnedProcessSpecs
{
    private static readonly (string, string?)[] NoChanges = [];

    [Test]
    public void Git_runs_through_posix_spawn_on_linux_and_its_output_and_failure_come_back()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Stage();
        using (var diff = GitProcess.Start(repo.Root, ["diff", "--cached", "--name-only"]))
        {
            Assert.That(diff.IsSpawned, "Linux starts git without System.Diagnostics.Process");
            Assert.That(new StreamReader(diff.Output).ReadToEnd(), Is.EqualTo("a.txt\n"));
            Assert.DoesNotThrow(() => diff.EnsureSuccess("git diff"));
        }
        using var bad = GitProcess.Start(repo.Root, ["rev-parse", "--verify", "no-such-branch"]);
        _ = new StreamReader(bad.Output).ReadToEnd();
        var error = Assert.Throws<GitException>(() => bad.EnsureSuccess("git rev-parse"))!;
        Assert.That(error.Message, Does.Contain("git rev-parse failed (git exit 128)").And.Contain("fatal:"), "git's own message is kept");
    }

    [Test]
    public void Standard_error_is_kept_whole_however_much_is_written_before_standard_output()
    {
        // A pipe for stderr would fill at 64 KB and block the child while the parent waits on stdout.
        using var child = SpawnedProcess.Start(["sh", "-c", "head -c 300000 /dev/zero | tr '\\0' e >&2; echo done"], NoChanges);
        Assert.That(new StreamReader(child.Output).ReadToEnd(), Is.EqualTo("done\n"));
        Assert.That(child.WaitForExit(), Is.Zero);
        Assert.That(child.ErrorText, Has.Length.EqualTo(300_000).And.Matches("^e+$"));
    }

    [Test]
    public void The_child_gets_default_signal_handling_and_the_environment_changes()
    {
        // .NET ignores SIGPIPE; an ignored signal would survive exec, and git would not stop on a closed pipe.
        Environment.SetEnvironmentVariable("HOOKGUARD_SPAWN_SPEC_REMOVED", "still here");
        try
        {
            using var child = SpawnedProcess.Start(
                ["sh", "-c", "grep SigIgn /proc/self/status; echo \"${HOOKGUARD_SPAWN_SPEC_REMOVED-unset} $HOOKGUARD_SPAWN_SPEC_SET\""],
                [("HOOKGUARD_SPAWN_SPEC_REMOVED", null), ("HOOKGUARD_SPAWN_SPEC_SET", "set")]);
            var output = new StreamReader(child.Output).ReadToEnd();
            Assert.That(child.WaitForExit(), Is.Zero);
            const ulong sigpipe = 1UL << (13 - 1);
            Assert.That(IgnoredSignals(File.ReadAllText("/proc/self/status")) & sigpipe, Is.EqualTo(sigpipe), "this .NET process ignores SIGPIPE");
            Assert.That(IgnoredSignals(output) & sigpipe, Is.Zero, "the child does not");
            Assert.That(output, Does.EndWith("unset set\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOOKGUARD_SPAWN_SPEC_REMOVED", null);
        }
    }

    private static ulong IgnoredSignals(string status) =>
        Convert.ToUInt64(status.Split('\n').Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim(), 16);

    [Test]
    public void Exit_codes_and_signals_are_reported_as_a_shell_reports_them()
    {
        using var failed = SpawnedProcess.Start(["sh", "-c", "exit 7"], NoChanges);
        Assert.That(failed.WaitForExit(), Is.EqualTo(7));
        using var killed = SpawnedProcess.Start(["sh", "-c", "kill -TERM $$"], NoChanges);
        Assert.That(killed.WaitForExit(), Is.EqualTo(128 + 15));
    }

    [Test]
    public void A_child_left_running_is_killed_and_reaped_on_dispose()
    {
        var child = SpawnedProcess.Start(["sh", "-c", "echo started; exec sleep 30"], NoChanges);
        Assert.That(new StreamReader(child.Output).ReadLine(), Is.EqualTo("started"));
        var started = DateTime.UtcNow;
        child.Dispose();
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "not waited out");
        Assert.That(Directory.Exists($"/proc/{child.Pid}"), Is.False, "no zombie left behind");
    }

    [Test]
    public void A_program_not_on_path_is_reported_as_missing()
    {
        Assert.Throws<FileNotFoundException>(() => SpawnedProcess.Start(["hookguard-spec-no-such-program"], NoChanges));
    }
}
