using System.Text.Json.Nodes;
using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Tests.EndToEnd;

[Parallelizable(ParallelScope.All)]
public class EcosystemSpecs
{
    private static string Root => CompiledRuleSpecs.RepositoryRoot();

    [Test]
    public void The_pre_commit_framework_manifest_declares_system_hooks_that_call_hookguard()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, ".pre-commit-hooks.yaml"))));
        var hooks = ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>().ToList();
        string Get(YamlMappingNode hook, string key) => ((YamlScalarNode)hook[key]).Value!;
        Assert.That(hooks.Select(h => Get(h, "id")), Is.EqualTo(new[] { "hookguard", "hookguard-pre-push", "hookguard-audit", "hookguard-audit-merge" }));
        Assert.That(hooks.All(h => Get(h, "language") == "system"
            && (Get(h, "entry").StartsWith("hookguard scan", StringComparison.Ordinal) || Get(h, "entry").StartsWith("hookguard audit record", StringComparison.Ordinal))), Is.True);
        Assert.That(hooks.All(h => Get(h, "pass_filenames") == "false"), Is.True);
    }

    [Test]
    public void Install_sh_installs_from_a_subfolder_twice_honouring_core_hooksPath()
    {
        using var repo = new TempRepo();
        repo.Git("config", "core.hooksPath", ".githooks");
        Directory.CreateDirectory(Path.Combine(repo.Root, "deep", "er"));
        var home = PreBuiltHome();
        var env = new Dictionary<string, string?> { ["HOOKGUARD_HOME"] = home, ["HOOKGUARD_LINK_DIR"] = Path.Combine(home, "link") };
        for (var i = 0; i < 2; i++)
        {
            var run = ProcessRunner.Run("bash", [Path.Combine(Root, "install.sh")], Path.Combine(repo.Root, "deep", "er"), env: env);
            Assert.That(run.ExitCode, Is.Zero, run.Output);
        }
        var hook = File.ReadAllText(Path.Combine(repo.Root, ".githooks", "pre-commit"));
        Assert.That(hook, Does.Contain(Path.Combine(home, "bin", "hookguard")));
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(43)}\n");
        Assert.That(repo.Commit("leak").ExitCode, Is.Not.Zero);

        var uninstall = ProcessRunner.Run("bash", [Path.Combine(Root, "install.sh"), "--uninstall"], repo.Root, env: env);
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.Output);
        Assert.That(File.Exists(Path.Combine(repo.Root, ".githooks", "pre-commit")), Is.False);
    }

    [Test]
    public void Install_sh_outside_a_repository_or_without_git_says_how_to_fix_it()
    {
        var dir = Directory.CreateTempSubdirectory("hg-nogit-").FullName;
        var outside = ProcessRunner.Run("bash", [Path.Combine(Root, "install.sh")], dir);
        Assert.That(outside.ExitCode, Is.Not.Zero);
        Assert.That(outside.Stderr, Does.Contain("is not inside a git repository"));

        var noGit = ProcessRunner.Run("/bin/bash", [Path.Combine(Root, "install.sh")], dir, env: new Dictionary<string, string?> { ["PATH"] = "/nonexistent" });
        Assert.That(noGit.ExitCode, Is.Not.Zero);
        Assert.That(noGit.Stderr, Does.Contain("git is not installed").And.Contain("apt-get install git"));
    }

    /// <summary>A HOOKGUARD_HOME holding the binary under test, stamped with the sources' hash, so install.sh does not rebuild.</summary>
    internal static string PreBuiltHome()
    {
        var home = Directory.CreateTempSubdirectory("hg-home-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(home, "bin")).FullName;
        // The whole folder: a JIT build's app host needs its assemblies beside it.
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(HookGuardBinary.Path)!))
            File.Copy(file, Path.Combine(bin, Path.GetFileName(file)));
        var hash = ProcessRunner.Run("bash", [Path.Combine(Root, "install.sh"), "--source-hash"], Root);
        Assert.That(hash.ExitCode, Is.Zero, hash.Output);
        File.WriteAllText(Path.Combine(bin, ".source-sha256"), hash.Stdout);
        return home;
    }
}
