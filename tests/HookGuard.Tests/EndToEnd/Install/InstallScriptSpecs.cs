using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Install;

/// <summary>install.sh as a new user meets it, with a stand-in for `dotnet publish` (fake-dotnet).</summary>
[Parallelizable(ParallelScope.All)]
public class InstallScriptSpecs
{
    private static string Root => CompiledRuleSpecs.RepositoryRoot();

    private sealed class Setup : IDisposable
    {
        public readonly string Scratch = Directory.CreateTempSubdirectory("hg-install-").FullName;
        public readonly TempRepo Repo = new();
        public string Home => Path.Combine(Scratch, "home");
        public string HookGuardHome => Path.Combine(Scratch, "hookguard");
        public string Log => Path.Combine(Scratch, "publishes.log");
        public readonly string FakeBin;

        public Setup()
        {
            FakeBin = Directory.CreateDirectory(Path.Combine(Scratch, "fake-bin")).FullName;
            File.CreateSymbolicLink(Path.Combine(FakeBin, "dotnet"), Path.Combine(Root, "tests", "HookGuard.Tests", "EndToEnd", "Install", "fake-dotnet"));
        }

        public ProcessResult Run(string? path = null, params string[] args) =>
            ProcessRunner.Run("/bin/bash", [Path.Combine(Root, "install.sh"), .. args], Repo.Root, env: new Dictionary<string, string?>
            {
                ["HOME"] = Home,
                ["HOOKGUARD_HOME"] = HookGuardHome,
                ["HOOKGUARD_LINK_DIR"] = null,
                ["XDG_DATA_HOME"] = null,
                ["PATH"] = path ?? FakeBin + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["FAKE_DOTNET_LOG"] = Log,
                ["HOOKGUARD_UNDER_TEST"] = HookGuardBinary.Path,
            });

        public int Publishes => File.Exists(Log) ? File.ReadAllLines(Log).Length : 0;

        public void Dispose()
        {
            Repo.Dispose();
            try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public void A_first_install_shows_progress_keeps_only_the_binary_links_it_and_says_where_it_is()
    {
        using var setup = new Setup();
        var first = setup.Run();
        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(first.Stdout, Does.Contain("building HookGuard").And.Contain("... restoring packages").And.Contain("... generating native code").And.Contain("built in"));
        var binDir = Path.Combine(setup.HookGuardHome, "bin");
        Assert.That(Directory.GetFiles(binDir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "hookguard", ".source-sha256" }), "no .dbg or .pdb beside the binary");
        var link = Path.Combine(setup.Home, ".local", "bin", "hookguard");
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(Path.Combine(binDir, "hookguard")));
        Assert.That(first.Stdout, Does.Contain($"is at {Path.Combine(binDir, "hookguard")}"));
        Assert.That(first.Stdout, Does.Contain($"{Path.GetDirectoryName(link)} is not on your PATH").And.Contain("export PATH="));
        Assert.That(File.Exists(Path.Combine(setup.Repo.Root, ".git", "hooks", "pre-commit")), Is.True);

        var onPath = setup.Run(path: Path.GetDirectoryName(link) + ":" + setup.FakeBin + ":" + Environment.GetEnvironmentVariable("PATH"));
        Assert.That(onPath.ExitCode, Is.Zero, onPath.Output);
        Assert.That(onPath.Stdout, Does.Not.Contain("not on your PATH"));
    }

    [Test]
    public void The_rebuild_is_decided_by_the_sources_content_not_by_file_times()
    {
        using var setup = new Setup();
        Assert.That(setup.Run().ExitCode, Is.Zero);
        Assert.That(setup.Publishes, Is.EqualTo(1));

        // A binary older than every source (a checkout, a copy) is not rebuilt while the content is the same.
        var bin = Path.Combine(setup.HookGuardHome, "bin", "hookguard");
        File.SetLastWriteTimeUtc(bin, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var again = setup.Run();
        Assert.That(again.ExitCode, Is.Zero, again.Output);
        Assert.That(again.Stdout, Does.Not.Contain("building"));
        Assert.That(setup.Publishes, Is.EqualTo(1));

        // Sources whose content differs from what the binary was built from are.
        File.WriteAllText(Path.Combine(setup.HookGuardHome, "bin", ".source-sha256"), "built from other sources\n");
        Assert.That(setup.Run().ExitCode, Is.Zero);
        Assert.That(setup.Publishes, Is.EqualTo(2));
    }

    [Test]
    public void Without_clang_the_build_is_not_started_and_the_message_says_what_to_install()
    {
        using var setup = new Setup();
        // Only what install.sh needs besides the native toolchain.
        foreach (var tool in new[] { "bash", "sh", "dirname", "find", "sort", "xargs", "sha256sum", "cut", "cat", "git", "uname", "grep", "awk", "mktemp", "sed" })
            if (!File.Exists(Path.Combine(setup.FakeBin, tool)))
                File.CreateSymbolicLink(Path.Combine(setup.FakeBin, tool), ProcessRunner.Run("/bin/sh", ["-c", "command -v " + tool], Root).Stdout.Trim());
        var run = setup.Run(path: setup.FakeBin);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Stderr, Does.Contain("needs clang").And.Contain("apt-get install clang zlib1g-dev"));
        Assert.That(setup.Publishes, Is.Zero);
    }

    [Test]
    public void No_hooks_builds_and_links_outside_any_repository()
    {
        using var setup = new Setup();
        var outside = Directory.CreateDirectory(Path.Combine(setup.Scratch, "not-a-repo")).FullName;
        var run = ProcessRunner.Run("/bin/bash", [Path.Combine(Root, "install.sh"), "--no-hooks"], outside, env: new Dictionary<string, string?>
        {
            ["HOME"] = setup.Home, ["HOOKGUARD_HOME"] = setup.HookGuardHome, ["HOOKGUARD_LINK_DIR"] = null, ["XDG_DATA_HOME"] = null,
            ["PATH"] = setup.FakeBin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_DOTNET_LOG"] = setup.Log, ["HOOKGUARD_UNDER_TEST"] = HookGuardBinary.Path,
        });
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(File.Exists(Path.Combine(setup.Home, ".local", "bin", "hookguard")), Is.True);
    }
}
