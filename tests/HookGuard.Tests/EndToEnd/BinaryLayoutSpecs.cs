using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>The code layout the published binary is built with (src/HookGuard.Cli/hot-methods.txt, from bench/hot-methods.py).</summary>
public class BinaryLayoutSpecs
{
    [Test]
    public void The_hot_method_list_still_names_the_code_of_the_binary()
    {
        // Only a native Linux publish leaves its symbols next to the binary.
        var symbols = HookGuardBinary.Path + ".dbg";
        if (!File.Exists(symbols)) Assert.Ignore($"no symbol file at {symbols}");
        var nm = ProcessRunner.Run("nm", ["--defined-only", symbols], Path.GetTempPath());
        Assert.That(nm.ExitCode, Is.Zero, nm.Stderr);
        var defined = nm.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[(line.LastIndexOf(' ') + 1)..]).ToHashSet(StringComparer.Ordinal);

        var listed = File.ReadAllLines(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "src", "HookGuard.Cli", "hot-methods.txt"));
        var missing = listed.Where(name => !defined.Contains(name)).ToList();
        Assert.That(listed, Has.Length.GreaterThan(500), "the list holds what the hooks run");
        // Renamed or removed code falls out of the layout silently (it still runs, from wherever it lands):
        // past a tenth of the list, the layout no longer describes the hooks.
        Assert.That(missing, Has.Count.LessThan(listed.Length / 10),
            $"re-run `python3 bench/hot-methods.py`: {missing.Count} of {listed.Length} listed methods are gone, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
