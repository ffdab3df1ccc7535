using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Install;

/// <summary>
/// install.ps1's Pester 5.7.1 tests (tests/pester), under PowerShell 7.6 hosted from NuGet
/// (tests/PwshHost, which tests/run.sh builds into artifacts/pwsh-host; PWSH_HOST_EXE names it).
/// </summary>
public class PesterSpecs
{
    [Test]
    public void Install_ps1_passes_its_pester_tests()
    {
        var root = CompiledRuleSpecs.RepositoryRoot();
        var host = Environment.GetEnvironmentVariable("PWSH_HOST_EXE") is { Length: > 0 } fromEnv ? fromEnv
            : Path.Combine(root, "artifacts", "pwsh-host", "PwshHost");
        if (!File.Exists(host))
            Assert.Fail($"{host} is missing: tests/run.sh builds it (dotnet build tests/PwshHost -c Release -o artifacts/pwsh-host)");
        var run = ProcessRunner.Run(host, ["-NoProfile", "-NonInteractive", "-File", Path.Combine(root, "tests", "pester", "Run-Pester.ps1")], root,
            env: new Dictionary<string, string?> { ["HOOKGUARD_UNDER_TEST"] = HookGuardBinary.Path, ["PWSH_HOST"] = null, ["PWSH_HOST_DLL"] = null },
            timeoutMs: 900_000);
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Match(@"Tests Passed: [1-9]\d*").And.Contain("Failed: 0"));
    }
}
