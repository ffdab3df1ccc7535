using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using HookGuard.Benchmarks;

// dotnet run -c Release --project bench/HookGuard.Benchmarks -- [--corpus DIR] [--quick | --rule-costs | --baseline] [BenchmarkDotNet options]
// --quick times each corpus benchmark with a stopwatch (a few seconds, for development); without it
// BenchmarkDotNet measures properly, with allocations, and MB/s per core is printed from its means.
// --rule-costs lists the rules whose patterns cost the most on the corpus (for rule authors).
// --baseline measures reading .hookguard-baseline.json (BaselineBenchmarks; with --quick, a stopwatch); it needs no corpus.
if (args.Contains("--baseline") && args.Contains("--quick"))
{
    // The fastest of many runs, which a machine busy with other work disturbs least.
    foreach (var entries in new[] { 10, 1000 })
    {
        var bench = new BaselineBenchmarks { Entries = entries };
        bench.Setup();
        foreach (var (name, run) in new (string, Func<object>)[]
        {
            ("JsonDocument (before)", () => bench.JsonDocumentParse()), ("source-generated", () => bench.SourceGeneratedParse()),
            ("IsExactlyWritten", () => bench.IsExactlyWritten()),
        })
        {
            for (var warmUp = Stopwatch.StartNew(); warmUp.ElapsedMilliseconds < 500;) run();
            var best = double.MaxValue;
            for (var i = 0; i < (entries == 10 ? 2000 : 100); i++)
            {
                var watch = Stopwatch.StartNew();
                run();
                best = Math.Min(best, watch.Elapsed.TotalMicroseconds);
            }
            Console.WriteLine($"{entries,5} entries  {name,-22} {best,9:F1} µs");
        }
    }
    return 0;
}
if (args.Contains("--baseline"))
{
    BenchmarkRunner.Run<BaselineBenchmarks>(DefaultConfig.Instance, args.Where(a => a != "--baseline").ToArray());
    return 0;
}
var corpusIndex = Array.IndexOf(args, "--corpus");
// Absolute: BenchmarkDotNet's child processes run in folders of their own.
MatcherBenchmarks.CorpusFolder = Path.GetFullPath(corpusIndex >= 0 && corpusIndex + 1 < args.Length
    ? args[corpusIndex + 1]
    : Path.Combine(FindBenchFolder(), "work", "corpus"));
if (!Directory.Exists(MatcherBenchmarks.CorpusFolder))
{
    Console.Error.WriteLine($"no corpus at {MatcherBenchmarks.CorpusFolder}: run `python3 bench/accuracy.py --fetch-only` first, or pass --corpus DIR");
    return 2;
}
var rest = args.Where((a, i) => a != "--corpus" && (i == 0 || args[i - 1] != "--corpus") && a is not ("--quick" or "--rule-costs")).ToArray();

var probe = new MatcherBenchmarks();
probe.Setup();
var genericOnly = new MatcherBenchmarks { Rules = "generic" };
var providersOnly = new MatcherBenchmarks { Rules = "providers" };
var megabytes = probe.CorpusBytes / 1e6;
Console.WriteLine($"corpus: {MatcherBenchmarks.CorpusFolder}, {megabytes:F1} MB, {probe.CorpusLines} lines");

if (args.Contains("--rule-costs"))
{
    RuleCosts.Print(Corpus.Load(MatcherBenchmarks.CorpusFolder));
    return 0;
}

if (args.Contains("--quick"))
{
    genericOnly.Setup();
    providersOnly.Setup();
    foreach (var (name, run) in new (string, Func<int>)[]
    {
        ("prefilter", probe.Prefilter), ("matcher", probe.MatchCorpus), ("hook path", probe.ScanCorpus),
        ("prefilter, generic rules only", genericOnly.Prefilter), ("matcher, generic rules only", genericOnly.MatchCorpus),
        ("prefilter, provider rules only", providersOnly.Prefilter), ("matcher, provider rules only", providersOnly.MatchCorpus),
    })
    {
        // Warm-up for a second: lazily built patterns, and tiered compilation's fully optimised code.
        for (var warmUp = Stopwatch.StartNew(); warmUp.ElapsedMilliseconds < 1000;) run();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name,-31} {megabytes / best,8:F0} MB/s (best of 5: {best * 1000:F0} ms)");
    }
    return 0;
}

var summary = BenchmarkRunner.Run<MatcherBenchmarks>(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator), rest);
Console.WriteLine();
Console.WriteLine("| benchmark | rules | mean | MB/s per core | allocated per line |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var report in summary.Reports.Where(r => r.ResultStatistics is not null))
{
    var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
    var seconds = report.ResultStatistics!.Mean / 1e9;
    var wholeCorpus = !report.BenchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("One", StringComparison.Ordinal);
    var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
    var throughput = wholeCorpus ? $"{megabytes / seconds:F0}" : "";
    var perLine = wholeCorpus ? (double)allocated / probe.CorpusLines : allocated;
    var rules = report.BenchmarkCase.Parameters["Rules"];
    var mean = wholeCorpus ? $"{report.ResultStatistics.Mean / 1e6:F2} ms" : $"{report.ResultStatistics.Mean:F0} ns";
    Console.WriteLine($"| {name} | {rules} | {mean} | {throughput} | {perLine:F2} B |");
}
return 0;

static string FindBenchFolder()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "bench", "bench.py"))) return Path.Combine(dir.FullName, "bench");
    return "bench";
}
