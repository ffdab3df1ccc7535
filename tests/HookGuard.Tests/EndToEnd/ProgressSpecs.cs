using System.Text;
using HookGuard.Cli.Commands;
using HookGuard.Findings;
using HookGuard.Reporting;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

public class ProgressSpecs
{
    [Test]
    public void The_progress_line_shows_commits_done_of_the_total_and_throughput()
    {
        var stats = new ScanStats { Commits = 1234, Bytes = 3_100_000 };
        using var progress = new ProgressLine(stats, 10_000, TextWriter.Null, Timeout.InfiniteTimeSpan);
        Assert.That(progress.Text(), Does.StartWith("hookguard: 1,234/10,000 commits (12%), 3.1 MB at ").And.EndWith(" MB/s"));
    }

    [Test]
    public void A_history_scan_draws_progress_on_a_terminal_and_stays_silent_otherwise()
    {
        using var repo = new TempRepo();
        repo.Run("git", ["fast-import", "--quiet"], stdin: ManyCommits(4000));
        repo.Git("reset", "-q", "--hard", "main");

        var piped = repo.HookGuard("scan", "--history");
        Assert.That(piped.ExitCode, Is.Zero, piped.Output);
        Assert.That(piped.Stderr, Does.Not.Contain("commits ("));

        // `script` gives the scan a real pseudo-terminal, as a developer's shell would.
        var command = $"{HookGuardBinary.Path} scan --history";
        var onTerminal = repo.Run("script", ["-qec", command, "/dev/null"]);
        Assert.That(onTerminal.ExitCode, Is.Zero, onTerminal.Output);
        Assert.That(onTerminal.Output, Does.Contain("/4,000 commits ("));
        Assert.That(onTerminal.Output, Does.Contain("scanned 4000 commits"));
    }

    private static string ManyCommits(int count)
    {
        var stream = new StringBuilder();
        for (var c = 0; c < count; c++)
        {
            var body = string.Concat(Enumerable.Range(0, 20).Select(l => $"value_{l} = compute(items[{l}], rate) * {c}\n"));
            stream.Append($"commit refs/heads/main\ncommitter Dev <dev@example.invalid> {1700000000 + c} +0000\ndata 6\nchange\n");
            stream.Append($"M 100644 inline src/f{c % 50}.py\ndata {Encoding.UTF8.GetByteCount(body)}\n{body}\n");
        }
        return stream.ToString();
    }
}
