using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>`dotnet pack` makes an installable dotnet tool whose hooks call the native binary.</summary>
public class ToolPackageSpecs
{
    [Test]
    public void The_packed_tool_installs_to_a_tool_path_runs_natively_and_protects_a_repository()
    {
        var work = Directory.CreateTempSubdirectory("hg-pack-").FullName;
        var packages = Path.Combine(work, "packages");
        // A private package cache: an older HookGuard 0.1.0 in the user's cache must not stand in for this build.
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work, "nuget"),
            ["MSBuildExtensionsPath"] = null, ["MSBuildSDKsPath"] = null, ["MSBUILD_EXE_PATH"] = null,
        };
        var cli = Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "src", "HookGuard.Cli", "HookGuard.Cli.csproj");
        var pack = ProcessRunner.Run("dotnet", ["pack", cli, "-c", "Release", "-o", packages], work, env: env, timeoutMs: 900_000);
        Assert.That(pack.ExitCode, Is.Zero, pack.Output[^Math.Min(2000, pack.Output.Length)..]);
        var names = Directory.GetFiles(packages).Select(Path.GetFileName).Order().ToList();
        Assert.That(names, Is.EqualTo(new[] { "HookGuard.0.1.0.nupkg", "HookGuard.any.0.1.0.nupkg", $"HookGuard.{Rid()}.0.1.0.nupkg" }.Order()));

        var tools = Path.Combine(work, "tools");
        var install = ProcessRunner.Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "HookGuard"], work, env: env, timeoutMs: 300_000);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        var hookguard = Path.Combine(tools, "hookguard");
        Assert.That(ProcessRunner.Run(hookguard, ["version"], work).Stdout, Does.StartWith("hookguard 0.1.0"));

        using var repo = new TempRepo();
        Assert.That(repo.Run(hookguard, ["install"]).ExitCode, Is.Zero);
        var hook = File.ReadAllLines(Path.Combine(repo.Root, ".git", "hooks", "pre-commit")).Single(l => l.StartsWith("hookguard=", StringComparison.Ordinal));
        Assert.That(hook, Does.Contain($"/tools/any/{Rid()}/hookguard'"), "the hook calls the native binary, not `dotnet tool run`");
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(81)}\n");
        Assert.That(repo.Commit("leak").ExitCode, Is.Not.Zero);
    }

    private static string Rid() => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
}
