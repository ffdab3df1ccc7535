using HookGuard.Install;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Managers;

/// <summary>lefthook 2.2.1 from npm, with the README's snippet as written.</summary>
[Parallelizable(ParallelScope.All)]
public class LefthookSpecs
{
    [Test]
    public void The_readme_setup_scans_commits_and_a_push_of_a_branch_other_than_the_checked_out_one()
    {
        using var clone = new ManagedClone();
        clone.Local.Write("lefthook.yml", ReadmeSnippets.Get("lefthook"));
        clone.CommitAndPushSetup();

        var before = clone.HookGuard("install");
        Assert.That(before.ExitCode, Is.EqualTo(2), before.Output);
        Assert.That(before.Stderr, Does.Contain("run `lefthook install`"));

        var lefthook = clone.Run(RealTools.Lefthook, "install");
        Assert.That(lefthook.ExitCode, Is.Zero, lefthook.Output);
        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(install.Stdout, Does.Contain("pre-push: HookGuard runs through lefthook"));
        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.Zero, doctor.Output);

        clone.AssertCommitsAreScanned(seed: 61);
        clone.AssertBypassIsRecorded(seed: 63);
        clone.AssertPushOfAnotherBranchIsScanned(seed: 62);
    }

    [Test]
    public void Without_use_stdin_the_pre_push_scan_is_reported_as_broken()
    {
        using var clone = new ManagedClone();
        clone.Local.Write("lefthook.yml", ReadmeSnippets.Get("lefthook").Replace("      use_stdin: true\n", "", StringComparison.Ordinal));
        clone.CommitAndPushSetup();
        Assert.That(clone.Run(RealTools.Lefthook, "install").ExitCode, Is.Zero);

        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.Output);
        Assert.That(doctor.Stdout, Does.Contain("use_stdin: true"));
        Assert.That(clone.HookGuard("install").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void A_lefthook_install_after_hookguard_install_does_not_switch_scanning_off_silently()
    {
        using var clone = new ManagedClone();
        clone.CommitAndPushSetup();
        Assert.That(clone.HookGuard("install").ExitCode, Is.Zero);
        clone.Local.Write("lefthook.yml", "pre-commit:\n  commands:\n    lint:\n      run: echo lint\n");
        var lefthook = clone.Run(RealTools.Lefthook, "install");
        Assert.That(lefthook.ExitCode, Is.Zero, lefthook.Output);
        Assert.That(HookInstaller.IsOurs(Path.Combine(clone.Local.Root, ".git", "hooks", "pre-commit.old")), Is.True,
            "lefthook keeps the hook it replaced as pre-commit.old");

        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.Output);
        Assert.That(doctor.Stdout, Does.Contain("protection is off").And.Contain("pre-commit.old"));

        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.EqualTo(2), install.Output);
        Assert.That(install.Stderr, Does.Contain(ManagerSetup.Lefthook));

        // lefthook.yml has no pre-push, so HookGuard's pre-push hook still runs, and says commits are unscanned.
        clone.Local.Write("notes.txt", "x\n");
        Assert.That(clone.Commit("notes").ExitCode, Is.Zero);
        var push = clone.Push("main");
        Assert.That(push.ExitCode, Is.Zero, push.Output);
        Assert.That(push.Stderr, Does.Contain("warning: commits are not scanned").And.Contain("hookguard doctor"));
    }

    [Test]
    public void The_setup_install_prints_is_the_readme_snippet() =>
        Assert.That(ReadmeSnippets.Get("lefthook").TrimEnd(), Is.EqualTo(ManagerSetup.Lefthook.ReplaceLineEndings("\n")));
}
