using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

[Parallelizable(ParallelScope.All)]
public class InstallSpecs
{
    [Test]
    public void Install_honours_core_hooksPath_and_chains_the_existing_hook()
    {
        using var repo = new TempRepo();
        repo.Git("config", "core.hooksPath", ".githooks");
        var marker = Path.Combine(repo.Root, "old-hook-ran");
        var old = repo.Write(".githooks/pre-commit", $"#!/bin/sh\ntouch '{marker}'\nexit 0\n");
        File.SetUnixFileMode(old, (UnixFileMode)0b111_101_101);
        Assert.That(repo.HookGuard("install").ExitCode, Is.Zero);

        repo.Write("k.env", $"TOKEN={FakeSecrets.GitHubClassicToken()}\n");
        Assert.That(repo.Commit("x").ExitCode, Is.Not.Zero);
        repo.Write("k.env", "TOKEN=from-vault\n");
        Assert.That(repo.Commit("y").ExitCode, Is.Zero);
        Assert.That(File.Exists(marker), Is.True, "the chained hook ran");
    }

    [Test]
    public void The_piped_staged_hook_of_platforms_without_posix_spawn_blocks_secrets_and_failed_diffs()
    {
        // Linux installs hooks that let the scanner start git; macOS and Windows get git's diff piped in.
        using var repo = new TempRepo();
        var hooks = Path.Combine(repo.Root, ".git", "hooks");
        new HookGuard.Install.HookInstaller(hooks, HookGuardBinary.Path, pipeStagedDiff: true).Install(["pre-commit"]);
        Assert.That(File.ReadAllText(Path.Combine(hooks, "pre-commit")), Does.Contain("| \"$hookguard\" \"$@\" scan --staged --patch-stdin --hook pre-commit"));

        repo.Write("k.env", $"TOKEN={FakeSecrets.GitHubClassicToken(44)}\n");
        var leak = repo.Commit("leak");
        Assert.That(leak.ExitCode, Is.EqualTo(1), leak.Output);
        Assert.That(leak.Output, Does.Contain("k.env:1"));
        repo.Write("k.env", "TOKEN=from-vault\n");
        Assert.That(repo.Commit("clean").ExitCode, Is.Zero);

        repo.StageUnreadable("b.txt", "staged\n");
        var broken = repo.Run("git", ["commit", "-q", "-m", "broken"]);
        Assert.That(broken.ExitCode, Is.Not.Zero);
        Assert.That(broken.Output, Does.Contain("completion line").And.Contain("git commit --no-verify"));
    }

    [Test]
    public void A_scanner_that_crashes_blocks_the_commit_and_says_so()
    {
        using var repo = new TempRepo();
        var crashing = repo.Write("crashing-scanner", "#!/bin/sh\nkill -SEGV $$\n");
        File.SetUnixFileMode(crashing, (UnixFileMode)0b111_101_101);
        new HookGuard.Install.HookInstaller(Path.Combine(repo.Root, ".git", "hooks"), crashing).Install(["pre-commit"]);
        repo.Write("a.txt", "a\n");
        var commit = repo.Commit("x");
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(repo.Git("rev-list", "--all").Trim(), Is.Empty, "nothing was committed");
        Assert.That(commit.Output, Does.Contain("the scanner ended abnormally (exit 139)").And.Contain("git commit --no-verify"));
    }

    [Test]
    public void Install_twice_then_uninstall_restores_exactly_what_was_there()
    {
        using var repo = new TempRepo();
        var hooks = Path.Combine(repo.Root, ".git", "hooks");
        var original = "#!/bin/sh\necho original\n";
        var path = repo.Write(".git/hooks/pre-push", original);
        var before = Directory.GetFiles(hooks).Order().ToList();

        Assert.That(repo.HookGuard("install").ExitCode, Is.Zero);
        var second = repo.HookGuard("install");
        Assert.That(second.ExitCode, Is.Zero);
        Assert.That(second.Output, Does.Contain("already installed"));
        Assert.That(repo.HookGuard("uninstall").ExitCode, Is.Zero);

        Assert.That(Directory.GetFiles(hooks).Order().ToList(), Is.EqualTo(before));
        Assert.That(File.ReadAllText(path), Is.EqualTo(original));
    }

    [Test]
    public void The_hook_calls_the_binary_by_its_resolved_path_and_fails_closed_when_it_is_gone()
    {
        using var repo = new TempRepo();
        var copy = Path.Combine(repo.Root + "-bin", "hookguard");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(HookGuardBinary.Path)!))
            File.Copy(file, Path.Combine(Path.GetDirectoryName(copy)!, Path.GetFileName(file)));
        Assert.That(repo.Run(copy, ["install"]).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, ".git/hooks/pre-commit")), Does.Contain(copy));

        Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        repo.Write("a.txt", "a\n");
        var result = repo.Run("git", ["commit", "-q", "-m", "x"], env: new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" });
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("scanner is missing").And.Contain("--no-verify"));
    }
}
