using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>The installed hook treats the recorded scanner path as text, whatever characters it holds.</summary>
[Parallelizable(ParallelScope.All)]
public class HookScriptQuotingSpecs
{
    [Test]
    public void A_missing_scanner_whose_path_holds_shell_code_is_named_and_nothing_runs()
    {
        using var repo = new TempRepo();
        // A folder name with a command substitution, backticks, a quote and a variable in it.
        var folder = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-bin $(touch pwned1) `touch pwned2` it's $HOME");
        Directory.CreateDirectory(folder);
        try
        {
            var copy = Path.Combine(folder, "hookguard");
            File.Copy(HookGuardBinary.Path, copy);
            File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
            var install = repo.Run(copy, ["install"]);
            Assert.That(install.ExitCode, Is.Zero, install.Output);
            File.Delete(copy);

            repo.Write("a.txt", "a\n");
            // PATH without any hookguard: the hook's fallback finds none and must fail closed with the message.
            repo.Stage();
            var commit = repo.Run("git", ["commit", "-q", "-m", "x"], env: new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" });

            Assert.That(commit.ExitCode, Is.Not.Zero, commit.Output);
            Assert.That(commit.Stderr, Does.Contain("the scanner is missing (was " + Path.GetFullPath(copy) + ")"));
            foreach (var dir in new[] { repo.Root, folder, Path.GetDirectoryName(folder)! })
                foreach (var name in new[] { "pwned1", "pwned2" })
                    Assert.That(File.Exists(Path.Combine(dir, name)), Is.False, $"{name} was created in {dir}: the path ran as code");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
