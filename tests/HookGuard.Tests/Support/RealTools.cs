using HookGuard.Tests.Rules;

namespace HookGuard.Tests.Support;

/// <summary>
/// The hook managers users run, as tests/run.sh installs them: lefthook and husky from npm (under
/// artifacts/tools), pre-commit from Debian's package. A test that needs one fails, naming the command
/// that installs it, when it is missing.
/// </summary>
public static class RealTools
{
    public static string NodeBin =>
        System.Environment.GetEnvironmentVariable("HOOKGUARD_NODE_TOOLS") is { Length: > 0 } dir ? dir
            : Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "artifacts", "tools", "node", "node_modules", ".bin");

    public static string Lefthook => Require(Path.Combine(NodeBin, "lefthook"));

    public static string Husky => Require(Path.Combine(NodeBin, "husky"));

    public static string PreCommit => Require(FindOnPath("pre-commit") ?? "/usr/bin/pre-commit");

    /// <summary>
    /// An environment whose PATH has `hookguard` (a link to the binary under test, as install.sh makes in
    /// ~/.local/bin) and the npm tools, and a home of its own for the tools' caches.
    /// </summary>
    public static Dictionary<string, string?> Environment(string scratch)
    {
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "path-bin")).FullName;
        var link = Path.Combine(bin, "hookguard");
        if (!File.Exists(link)) File.CreateSymbolicLink(link, HookGuardBinary.Path);
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        return new()
        {
            ["PATH"] = $"{bin}:{NodeBin}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["PRE_COMMIT_HOME"] = Path.Combine(home, "pre-commit-cache"),
            ["LEFTHOOK_QUIET"] = null,
            ["CI"] = null,
        };
    }

    private static string Require(string path)
    {
        if (!File.Exists(path))
            Assert.Fail($"{path} is missing: tests/run.sh installs the hook managers the tests run (npm i -E lefthook@2.2.1 husky@9.1.7 under artifacts/tools/node; apt-get install pre-commit)");
        return path;
    }

    private static string? FindOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
