using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>A submodule is a repository with hooks of its own: install protects the initialised ones too.</summary>
[Parallelizable(ParallelScope.All)]
public class SubmoduleSpecs
{
    [Test]
    public void Install_protects_commits_made_inside_an_initialised_submodule_and_uninstall_removes_it()
    {
        using var library = new TempRepo();
        library.Write("lib.txt", "lib\n");
        library.Commit("lib");
        using var repo = new TempRepo();
        repo.Write("README", "app\n");
        repo.Commit("app");
        var add = repo.Run("git", ["-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "vendor/lib"]);
        Assert.That(add.ExitCode, Is.Zero, add.Output);
        repo.Commit("add the library");

        var install = repo.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(install.Stdout, Does.Contain("submodule vendor/lib: pre-commit: installed"));

        var inside = Path.Combine(repo.Root, "vendor", "lib");
        File.WriteAllText(Path.Combine(inside, "k.env"), $"T={FakeSecrets.GitHubClassicToken(81)}\n");
        ProcessRunner.Run("git", ["add", "-A"], inside);
        var commit = ProcessRunner.Run("git", ["commit", "-q", "-m", "leak in the submodule"], inside);
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("k.env"));

        var uninstall = repo.HookGuard("uninstall");
        Assert.That(uninstall.Stdout, Does.Contain("submodule vendor/lib: pre-commit: removed"));
        Assert.That(ProcessRunner.Run("git", ["commit", "-q", "-m", "unprotected again"], inside).ExitCode, Is.Zero);
    }
}
