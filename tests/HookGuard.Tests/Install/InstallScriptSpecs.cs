using HookGuard.Install;
using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Install;

public class InstallScriptSpecs
{
    [Test]
    public void Install_sh_help_names_every_hook_it_installs()
    {
        var help = ProcessRunner.Run("bash", [Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "install.sh"), "--help"], Path.GetTempPath());
        Assert.That(help.ExitCode, Is.Zero, help.Output);
        foreach (var hook in HookInstaller.DefaultHooks) Assert.That(help.Stdout, Does.Contain(hook));
    }
}
