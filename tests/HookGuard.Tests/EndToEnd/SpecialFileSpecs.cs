using System.Diagnostics;
using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// A FIFO, a socket or a device in a scanned tree, or named on the command line, would block the
/// reader forever (a FIFO waits for a writer): `scan PATH` opens only regular files, says which it left
/// alone, and still scans the rest.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SpecialFileSpecs
{
    private static readonly string Token = FakeSecrets.GitHubClassicToken(51);

    private static void MakeFifo(string path) =>
        Assert.That(ProcessRunner.Run("mkfifo", [path], Path.GetDirectoryName(path)!).ExitCode, Is.Zero);

    private static void MakeSocket(string path) =>
        Assert.That(ProcessRunner.Run("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path],
            Path.GetDirectoryName(path)!).ExitCode, Is.Zero);

    private static ProcessResult Scan(string folder, params string[] args) =>
        ProcessRunner.Run(HookGuardBinary.Path, ["scan", .. args], folder, timeoutMs: 20_000);

    [Test]
    public void A_fifo_and_a_socket_in_a_scanned_tree_are_named_as_not_scanned_and_the_rest_is_scanned()
    {
        var folder = Directory.CreateTempSubdirectory("hg-special-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "run"));
            MakeFifo(Path.Combine(folder, "run", "pipe"));
            MakeSocket(Path.Combine(folder, "run", "sock"));
            File.WriteAllText(Path.Combine(folder, "z.env"), $"T={Token}\n");
            var clock = Stopwatch.StartNew();
            var scan = Scan(folder, ".", "--format", "json");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
            var report = JsonDocument.Parse(scan.Stdout).RootElement;
            Assert.That(report.GetProperty("findings")[0].GetProperty("path").GetString(), Is.EqualTo("z.env"));
            var skipped = report.GetProperty("stats").GetProperty("skipped").EnumerateArray()
                .ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
            Assert.That(skipped["run/pipe"], Does.Contain("FIFO"));
            Assert.That(skipped["run/sock"], Does.Contain("socket"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test]
    public void A_fifo_named_on_the_command_line_is_reported_in_the_text_summary_not_opened()
    {
        var folder = Directory.CreateTempSubdirectory("hg-special-").FullName;
        try
        {
            MakeFifo(Path.Combine(folder, "pipe"));
            File.WriteAllText(Path.Combine(folder, "a.env"), $"T={Token}\n");
            var scan = Scan(folder, "pipe", "a.env");
            Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
            Assert.That(scan.Output, Does.Contain("not scanned: pipe: special file (FIFO)"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test]
    public void A_symlink_to_a_fifo_named_on_the_command_line_is_not_opened()
    {
        var folder = Directory.CreateTempSubdirectory("hg-special-").FullName;
        try
        {
            MakeFifo(Path.Combine(folder, "pipe"));
            File.CreateSymbolicLink(Path.Combine(folder, "link"), "pipe");
            var scan = Scan(folder, "link");
            Assert.That(scan.ExitCode, Is.Zero, scan.Output);
            Assert.That(scan.Output, Does.Contain("not scanned: link: special file (FIFO)"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test]
    public void A_fifo_where_the_staged_read_looks_for_a_gitattributes_file_does_not_hang_the_hook()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("src/a.txt", "one\n");
        Assert.That(repo.Commit("base").ExitCode, Is.Zero);
        repo.Write("src/a.txt", $"one\nT={Token}\n");
        repo.Stage();
        MakeFifo(Path.Combine(repo.Root, "src", ".gitattributes"));
        var scan = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--staged", "--hook", "pre-commit"], repo.Root, timeoutMs: 20_000);
        Assert.That(scan.ExitCode, Is.Not.Zero, scan.Output);
    }
}
