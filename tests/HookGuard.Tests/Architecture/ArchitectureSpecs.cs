using System.Text.RegularExpressions;
using HookGuard.Tests.Rules;

namespace HookGuard.Tests.Architecture;

/// <summary>
/// The pipeline's one-way dependencies, read from the source text: every file's namespace is a stage,
/// and it may import (<c>using</c>, <c>using static</c>, an alias or a fully qualified name) only its
/// own stage and the stages before it. The table is the one docs/ARCHITECTURE.md shows.
/// </summary>
public sealed partial class ArchitectureSpecs
{
    /// <summary>HookGuard.Core's stages, lowest first (the namespace's first part after HookGuard).</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "Platform",  // processes, streams, mapped files, hashing, line splitting, terminal text
        "GitStore",  // the in-process reader of git's files; repository discovery
        "Yaml",      // the YAML reader and its located errors
        "Rules",     // the rule model and reading rules/*.yaml
        "Findings",  // the immutable values handed between stages: Finding, CommitInfo, ScanStats
        "Config",    // .hookguard.yaml: paths, allowlist entries, rule settings
        "Sources",   // staged change, commits, push, files: added lines into one sink (IPatchSink)
        "Matching",  // prefilter, patterns, checks, the generic scorer
        "Policy",    // a verdict per finding: allowed by what, blocking, a problem with an allowlist entry
        "Reporting", // text, JSON, SARIF, GitLab
        "Audit",     // the bypass log
        "Install",   // hooks and hook managers
        "Testing",   // rules' own examples
        "Scanning",  // the orchestration: request -> source -> matcher -> policy -> report
        "Cli",       // HookGuard.Cli: parses, calls Core, prints
    ];

    /// <summary>What the CLI leaves to Core's Scanning stage: it does not read sources or run the matcher itself.</summary>
    public static readonly IReadOnlyList<string> NotImportedByCli = ["GitStore", "Sources", "Matching"];

    private const int MaxLines = 400;

    [Test]
    public void Every_import_in_src_points_to_an_earlier_or_the_same_stage()
    {
        var violations = SourceFiles().SelectMany(f => Violations(Relative(f), File.ReadAllText(f))).ToList();
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public void An_import_against_the_order_is_named_with_its_file()
    {
        const string text = "using HookGuard.Findings;\nusing HookGuard.Matching;\n\nnamespace HookGuard.Platform;\n\nstatic class Bad { object X = HookGuard.Reporting.Redaction.Mask; }\n";
        var violations = Violations("src/HookGuard.Core/Platform/Bad.cs", text).ToList();
        Assert.That(violations, Is.EqualTo(new[]
        {
            "src/HookGuard.Core/Platform/Bad.cs (Platform) imports HookGuard.Findings (Findings)",
            "src/HookGuard.Core/Platform/Bad.cs (Platform) imports HookGuard.Matching (Matching)",
            "src/HookGuard.Core/Platform/Bad.cs (Platform) imports HookGuard.Reporting (Reporting)",
        }));
    }

    [Test]
    public void A_namespace_outside_the_table_is_named()
    {
        var violations = Violations("src/HookGuard.Core/Misc/X.cs", "namespace HookGuard.Misc;\n").ToList();
        Assert.That(violations, Is.EqualTo(new[] { "src/HookGuard.Core/Misc/X.cs: namespace HookGuard.Misc has no stage in ArchitectureSpecs.Order" }));
    }

    [Test]
    public void Comments_do_not_count_as_imports()
    {
        const string text = "namespace HookGuard.Platform;\n\n/// <summary>Used by <see cref=\"HookGuard.Matching.Matcher\"/>.</summary>\n// HookGuard.Reporting.X\nstatic class Fine;\n";
        Assert.That(Violations("src/HookGuard.Core/Platform/Fine.cs", text), Is.Empty);
    }

    [Test]
    public void Namespaces_follow_folders_in_core()
    {
        var wrong = new List<string>();
        var core = Path.Combine(Root, "src", "HookGuard.Core");
        foreach (var file in SourceFiles().Where(f => f.StartsWith(core + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            var folder = Path.GetRelativePath(core, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');
            var expected = folder == "." ? "HookGuard" : "HookGuard." + folder;
            if (NamespaceOf(File.ReadAllText(file)) is { } ns && ns != expected) wrong.Add($"{Relative(file)}: namespace {ns}, folder says {expected}");
        }
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    [Test]
    public void The_cli_declares_only_its_own_namespaces_and_leaves_scanning_to_core()
    {
        var problems = new List<string>();
        foreach (var file in SourceFiles().Where(f => Relative(f).StartsWith("src/HookGuard.Cli/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (NamespaceOf(text) is { } ns && !ns.StartsWith("HookGuard.Cli", StringComparison.Ordinal))
                problems.Add($"{Relative(file)}: namespace {ns} belongs in HookGuard.Core");
            problems.AddRange(Imports(text).Where(i => NotImportedByCli.Contains(StageOf(i)))
                .Select(i => $"{Relative(file)} imports {i}: the CLI calls HookGuard.Scanning instead"));
        }
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Core_and_the_cli_export_no_type()
    {
        // The CLI, the tests, the benchmarks and the build tools see Core through InternalsVisibleTo;
        // nothing else is a contract, so nothing is public.
        foreach (var assembly in new[] { typeof(HookGuard.Scanning.ScanRunner).Assembly, typeof(HookGuard.Cli.ExitCodes).Assembly })
            Assert.That(assembly.GetExportedTypes().Select(t => t.FullName), Is.Empty, assembly.GetName().Name);
    }

    [Test]
    public void No_hand_written_source_file_is_longer_than_400_lines()
    {
        var tooLong = SourceFiles()
            .Where(f => !f.EndsWith(".g.cs", StringComparison.Ordinal))
            .Select(f => (File: Relative(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        Assert.That(tooLong, Is.Empty, string.Join("\n", tooLong));
    }

    /// <summary>Every import of <paramref name="text"/> against <see cref="Order"/>, as "file (stage) imports namespace (stage)".</summary>
    public static IEnumerable<string> Violations(string file, string text)
    {
        if (NamespaceOf(text) is not { } ns || !ns.StartsWith("HookGuard", StringComparison.Ordinal)) yield break;
        var stage = StageOf(ns);
        var rank = RankOf(stage);
        if (rank < 0)
        {
            yield return $"{file}: namespace {ns} has no stage in ArchitectureSpecs.Order";
            yield break;
        }
        foreach (var import in Imports(text).Distinct())
        {
            var target = StageOf(import);
            var targetRank = RankOf(target);
            if (targetRank < 0 || targetRank > rank) yield return $"{file} ({stage}) imports {import} ({target})";
        }
    }

    private static int RankOf(string stage) => Order.ToList().IndexOf(stage);

    /// <summary>HookGuard.Sources.Staged → Sources; HookGuard.Cli.Commands → Cli.</summary>
    private static string StageOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 ? parts[1] : "";
    }

    private static string? NamespaceOf(string text) => NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The HookGuard namespaces a file names: using lines, static usings, aliases and fully qualified names outside comments.</summary>
    private static IEnumerable<string> Imports(string text)
    {
        var code = StringLiteral().Replace(Comment().Replace(text, ""), "\"\"");
        foreach (Match m in UsingLine().Matches(code)) yield return m.Groups[1].Value;
        foreach (Match m in QualifiedName().Matches(UsingOrNamespaceLine().Replace(code, ""))) yield return m.Groups[1].Value;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static readonly string Root = CompiledRuleSpecs.RepositoryRoot();

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:(?<static>static)\s+|(?<alias>\w+)\s*=\s*)?(HookGuard(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"^\s*(?:(?:global\s+)?using|namespace)\b[^\n]*", RegexOptions.Multiline)]
    private static partial Regex UsingOrNamespaceLine();

    [GeneratedRegex(@"(?<![\w.])(HookGuard\.[A-Z]\w*)\.")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
