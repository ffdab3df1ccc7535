using HookGuard.Install;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Managers;

/// <summary>husky 9.1.7 from npm, with the README's setup run as written.</summary>
[Parallelizable(ParallelScope.All)]
public class HuskySpecs
{
    [Test]
    public void Install_writes_nothing_into_husky_s_folder_and_the_readme_lines_protect_commits_and_pushes_across_npx_husky()
    {
        using var clone = new ManagedClone();
        var teamHookRan = Path.Combine(clone.Scratch, "team-hook-ran");
        clone.Local.Write("package.json", "{ \"name\": \"app\", \"private\": true }\n");
        clone.Local.Write(".husky/pre-commit", $"touch '{teamHookRan}'\n");
        clone.CommitAndPushSetup();
        var husky = clone.Run(RealTools.Husky);
        Assert.That(husky.ExitCode, Is.Zero, husky.Output);
        Assert.That(clone.Local.Git("config", "core.hooksPath").Trim(), Is.EqualTo(".husky/_"));
        var huskyFolder = Snapshot(Path.Combine(clone.Local.Root, ".husky"));

        var refused = clone.HookGuard("install");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Output);
        Assert.That(refused.Stderr, Does.Contain(ManagerSetup.Husky.ReplaceLineEndings("\n")));
        Assert.That(Snapshot(Path.Combine(clone.Local.Root, ".husky")), Is.EqualTo(huskyFolder), "nothing written into .husky");

        var setup = clone.Sh(ReadmeSnippets.Get("husky"));
        Assert.That(setup.ExitCode, Is.Zero, setup.Output);
        var install = clone.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(clone.HookGuard("doctor").ExitCode, Is.Zero);

        clone.AssertCommitsAreScanned(seed: 71);
        Assert.That(File.Exists(teamHookRan), Is.True, "the team's own husky hook still runs");
        clone.AssertBypassIsRecorded(seed: 73);
        clone.AssertPushOfAnotherBranchIsScanned(seed: 72);

        // Every `npm install` runs `husky` again (the prepare script): HookGuard stays on.
        Assert.That(clone.Run(RealTools.Husky).ExitCode, Is.Zero);
        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.Zero, doctor.Output);
        clone.AssertCommitsAreScanned(seed: 73);
    }

    [Test]
    public void Doctor_says_when_husky_took_the_hooks_over_from_hookguard()
    {
        using var clone = new ManagedClone();
        clone.CommitAndPushSetup();
        Assert.That(clone.HookGuard("install").ExitCode, Is.Zero);
        Assert.That(clone.Run(RealTools.Husky).ExitCode, Is.Zero);

        var doctor = clone.HookGuard("doctor");
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.Output);
        Assert.That(doctor.Stdout, Does.Contain("husky").And.Contain("protection is off"));
    }

    [Test]
    public void The_setup_install_prints_is_the_readme_snippet() =>
        Assert.That(ReadmeSnippets.Get("husky").TrimEnd(), Is.EqualTo(ManagerSetup.Husky.ReplaceLineEndings("\n")));

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
