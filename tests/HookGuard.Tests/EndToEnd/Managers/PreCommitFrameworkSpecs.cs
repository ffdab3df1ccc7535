using HookGuard.Install;
using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Managers;

/// <summary>The pre-commit framework as Debian packages it (3.0.4), with the README's setup as written.</summary>
[Parallelizable(ParallelScope.All)]
public class PreCommitFrameworkSpecs
{
    [Test]
    public void The_readme_setup_scans_commits_and_pushes()
    {
        using var clone = new ManagedClone();
        clone.Local.Write(".pre-commit-config.yaml", ReadmeSnippets.Get("pre-commit"));
        clone.CommitAndPushSetup();

        var before = clone.HookGuard("install");
        Assert.That(before.ExitCode, Is.EqualTo(2), before.Output);
        Assert.That(before.Stderr, Does.Contain("pre-commit install -t pre-commit"));

        var setup = clone.Sh(ReadmeSnippets.Get("pre-commit-install").Replace("pre-commit install", RealTools.PreCommit + " install", StringComparison.Ordinal));
        Assert.That(setup.ExitCode, Is.Zero, setup.Output);
        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(clone.HookGuard("doctor").ExitCode, Is.Zero);

        clone.AssertCommitsAreScanned(seed: 81);
        clone.AssertBypassIsRecorded(seed: 85);
        clone.AssertPushOfAnotherBranchIsScanned(seed: 82);
    }

    [Test]
    public void This_repository_s_manifest_is_accepted_and_its_hooks_block()
    {
        using var clone = new ManagedClone();
        using var hookRepo = new TempRepo();
        File.Copy(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), ".pre-commit-hooks.yaml"), Path.Combine(hookRepo.Root, ".pre-commit-hooks.yaml"));
        Assert.That(hookRepo.Commit("manifest", "--no-verify").ExitCode, Is.Zero);
        var validate = hookRepo.Run(RealTools.PreCommit, ["validate-manifest", ".pre-commit-hooks.yaml"], env: clone.Env);
        Assert.That(validate.ExitCode, Is.Zero, validate.Output);

        clone.Local.Write(".pre-commit-config.yaml",
            $"repos:\n  - repo: {hookRepo.Root}\n    rev: {hookRepo.Head}\n    hooks:\n      - id: hookguard\n      - id: hookguard-pre-push\n");
        clone.CommitAndPushSetup();
        var setup = clone.Run(RealTools.PreCommit, "install", "-t", "pre-commit", "-t", "pre-merge-commit", "-t", "pre-push");
        Assert.That(setup.ExitCode, Is.Zero, setup.Output);
        Assert.That(clone.HookGuard("doctor").ExitCode, Is.Zero);

        clone.AssertCommitsAreScanned(seed: 83);
        clone.AssertPushOfAnotherBranchIsScanned(seed: 84);
    }

    [Test]
    public void Without_the_pre_push_hook_type_doctor_and_install_say_how_to_add_it()
    {
        using var clone = new ManagedClone();
        clone.Local.Write(".pre-commit-config.yaml", ReadmeSnippets.Get("pre-commit"));
        clone.CommitAndPushSetup();
        Assert.That(clone.Run(RealTools.PreCommit, "install").ExitCode, Is.Zero);

        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.EqualTo(2), install.Output);
        Assert.That(install.Stderr, Does.Contain("pre-commit install -t pre-push"));
    }

    [Test]
    public void The_setup_install_prints_is_the_readme_snippet()
    {
        Assert.That(ReadmeSnippets.Get("pre-commit").TrimEnd(), Is.EqualTo(ManagerSetup.PreCommit.ReplaceLineEndings("\n")));
        Assert.That(ReadmeSnippets.Get("pre-commit-install").TrimEnd(), Is.EqualTo(ManagerSetup.PreCommitInstall));
    }
}
