using System.Text.RegularExpressions;

namespace HookGuard.Tests.Docs;

/// <summary>Docs that cannot rot: figures come from the bench results they name, and every .md they name exists.</summary>
public partial class DocsSpecs
{
    private static readonly string Root = FindRoot();

    [Test]
    public void Bench_readme_figures_are_the_rows_of_the_results_file_they_name()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "bench", "README.md"));
        var begin = readme.IndexOf("<!-- bench.py:begin", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- bench.py:end -->", StringComparison.Ordinal);
        Assert.That(begin, Is.GreaterThanOrEqualTo(0), "bench/README.md has no bench.py:begin marker");
        Assert.That(end, Is.GreaterThan(begin), "bench/README.md has no bench.py:end marker after the begin marker");
        var block = readme[begin..end];

        var named = ResultsFileName().Match(block);
        Assert.That(named.Success, "the generated block names no bench/results file");
        var results = File.ReadAllText(Path.Combine(Root, named.Groups[1].Value));

        var rows = block.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| workload", StringComparison.Ordinal)).ToList();
        Assert.That(rows, Is.Not.Empty, "the generated block has no table rows");
        foreach (var row in rows)
        {
            var cells = Cells(row);
            var (workload, hookguardMs, floorMs) = (cells[0], cells[1], cells[2]);
            var match = results.Split('\n').Where(l => l.StartsWith("| " + workload + " |", StringComparison.Ordinal)).Select(Cells).ToList();
            Assert.That(match, Has.Count.EqualTo(1), $"results file has no single row for '{workload}'");
            Assert.That(match[0], Does.Contain(hookguardMs).And.Contain(floorMs), $"'{workload}': {hookguardMs} / {floorMs} ms are not the results file's figures");
        }
    }

    [Test]
    public void Every_markdown_file_named_in_code_or_docs_exists_in_the_repository()
    {
        var missing = new List<string>();
        foreach (var file in TrackedTextFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match m in MarkdownName().Matches(text))
            {
                var name = m.Groups[1].Value;
                var candidates = new[] { Path.Combine(Path.GetDirectoryName(file)!, name), Path.Combine(Root, name), Path.Combine(Root, "docs", name) };
                if (!candidates.Any(File.Exists) && !Directory.EnumerateFiles(Root, Path.GetFileName(name), SearchOption.AllDirectories).Any(p => !p.Contains("/bin/") && !p.Contains("/obj/") && !p.Contains("/artifacts/")))
                    missing.Add($"{Path.GetRelativePath(Root, file)} names {name}");
            }
        }
        Assert.That(missing, Is.Empty);
    }

    private static IEnumerable<string> TrackedTextFiles()
    {
        // Tests are left out: file names there are test data.
        string[] folders = ["src", "docs", "hooks", "bench"];
        string[] endings = [".cs", ".md", ".sh", ".ps1", ".py"];
        var top = Directory.EnumerateFiles(Root).Where(f => endings.Contains(Path.GetExtension(f)));
        var nested = folders.Where(f => Directory.Exists(Path.Combine(Root, f)))
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(Root, f), "*", SearchOption.AllDirectories))
            .Where(f => endings.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/results/") && !f.Contains("BenchmarkDotNet.Artifacts"))
            // bench/work holds fetched npm packages and scratch output, ignored by git.
            .Where(f => !f.Contains("/bench/work/"));
        return top.Concat(nested);
    }

    private static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex(@"`(bench/results/[^`]+\.md)`")]
    private static partial Regex ResultsFileName();

    // A file name ending in .md: a path of word characters, dots, slashes and dashes (not a URL).
    [GeneratedRegex(@"(?<![\w/:.-])((?:[\w.-]+/)*\w[\w-]*\.md)\b")]
    private static partial Regex MarkdownName();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HookGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("HookGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
