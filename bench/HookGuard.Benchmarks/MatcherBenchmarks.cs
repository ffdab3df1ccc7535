using BenchmarkDotNet.Attributes;
using HookGuard.Findings;
using HookGuard.Matching;
using HookGuard.Rules;

namespace HookGuard.Benchmarks;

/// <summary>
/// The matcher on one core with the full default rule set: the keyword prefilter alone, the matcher
/// per line, and the whole line path (scanner, worker, matcher, findings) as a hook runs it.
/// </summary>
[MemoryDiagnoser]
public class MatcherBenchmarks
{
    // A line of ordinary code holding no keyword: what almost every added line is.
    private static readonly byte[] CleanLine = "        var total = items.Where(item => item.IsVisible).Sum(item => item.Price * item.Count);"u8.ToArray();

    private Corpus _corpus = null!;
    private Matcher _matcher = null!;
    private KeywordIndex _keywords = null!;
    private readonly List<SecretMatch> _results = [];
    private ulong[] _candidates = null!;

    /// <summary>Held in the environment: BenchmarkDotNet runs each benchmark in a child process, which inherits it.</summary>
    public static string CorpusFolder
    {
        get => Environment.GetEnvironmentVariable("HOOKGUARD_BENCH_CORPUS") ?? "";
        set => Environment.SetEnvironmentVariable("HOOKGUARD_BENCH_CORPUS", value);
    }

    /// <summary>
    /// All default rules, the generic ones alone, or the provider rules alone (every rule that is not
    /// generic): what each family costs on the hot path, apart from the other.
    /// </summary>
    [Params("all", "generic", "providers")]
    public string Rules { get; set; } = "all";

    private IReadOnlyList<Rule> _rules = [];

    [GlobalSetup]
    public void Setup()
    {
        // The rules as the CLI ships them: compiled in, patterns source-generated.
        RuleSet.UseCompiled(CompiledRules.Create);
        _corpus = Corpus.Load(CorpusFolder);
        _rules = Rules switch
        {
            "all" => RuleSet.BuiltIn,
            "generic" => [.. RuleSet.BuiltIn.Where(r => r.Generic)],
            _ => [.. RuleSet.BuiltIn.Where(r => !r.Generic)],
        };
        _matcher = new Matcher(_rules);
        _keywords = new KeywordIndex(_rules);
        _candidates = new ulong[(_rules.Count + 63) / 64];
    }

    public long CorpusBytes => _corpus.Bytes.Length;
    public int CorpusLines => _corpus.Lines.Length;

    [Benchmark(Description = "prefilter: keyword pass over the corpus")]
    public int Prefilter()
    {
        var hits = 0;
        for (var i = 0; i < _corpus.Lines.Length; i++)
        {
            if (_keywords.FindCandidates(_corpus.Line(i), _candidates)) hits++;
            Array.Clear(_candidates);
        }
        return hits;
    }

    [Benchmark(Description = "matcher: Scan per line over the corpus")]
    public int MatchCorpus()
    {
        var found = 0;
        for (var f = 0; f < _corpus.Files.Length; f++)
        {
            // Path-scoped rules (config-only, and generic rules outside lock files) apply per file, as in a scan.
            _matcher.EnterFile(_corpus.Files[f].Path);
            for (var i = _corpus.Files[f].FirstLine; i < FileEnd(f); i++) found += _matcher.Scan(_corpus.Line(i), _results);
        }
        return found;
    }

    private int FileEnd(int file) => file + 1 < _corpus.Files.Length ? _corpus.Files[file + 1].FirstLine : _corpus.Lines.Length;

    [Benchmark(Description = "hook path: LineScanner over the corpus, findings included")]
    public int ScanCorpus()
    {
        using var scanner = new LineScanner(_rules, _ => true, maxFileSize: null);
        for (var f = 0; f < _corpus.Files.Length; f++)
        {
            scanner.BeginFile(_corpus.Files[f].Path);
            for (var i = _corpus.Files[f].FirstLine; i < FileEnd(f); i++) scanner.Line(i - _corpus.Files[f].FirstLine + 1, _corpus.Line(i), added: true);
        }
        return scanner.Finish().Count;
    }

    [Benchmark(Description = "one clean line (allocations per line)")]
    public int OneCleanLine() => _matcher.Scan(CleanLine, _results);

    // Lines full of the generic rules' keywords: the prefilter lets them through, so the patterns run.
    // Without candidates no pattern matches and the scorer never runs; with candidates every value is
    // judged (vetoes, 58 features, 300 trees), one reported and two ruled out.
    private static readonly byte[] KeywordDenseNoCandidate =
        "        if (token is null || password.Length < MinPasswordLength) throw new AuthException(SecretMessage(keyName), credentials);"u8.ToArray();
    private static readonly byte[] KeywordDenseWithCandidates =
        "    config.password = \"Xq7vLr2mWz#41\"; config.token = \"${DEPLOY_TOKEN}\"; config.apiKey = \"your_api_key_here\";"u8.ToArray();

    [Benchmark(Description = "keyword-dense line, no candidate (the scorer does not run)")]
    public int KeywordDenseLineWithoutCandidates() => _matcher.Scan(KeywordDenseNoCandidate, _results);

    [Benchmark(Description = "keyword-dense line, three candidates scored or vetoed")]
    public int KeywordDenseLineWithCandidates() => _matcher.Scan(KeywordDenseWithCandidates, _results);
}

/// <summary>Where the matcher's time goes on a corpus: per rule, the lines its keywords let through and the time its pattern took.</summary>
public static class RuleCosts
{
    /// <summary>
    /// Each rule's pattern on the lines the matcher would run it on: lines up to 4 KB (longer ones are
    /// matched in windows and left out), within the rule's paths, generic rules outside lock and
    /// localisation files. The fastest of three passes, so that JIT tiering is not counted.
    /// </summary>
    public static void Print(Corpus corpus, int top = 25)
    {
        RuleSet.UseCompiled(CompiledRules.Create);
        var rules = RuleSet.BuiltIn;
        var keywords = new KeywordIndex(rules);
        var scopes = rules.Select(Matcher.Scope).ToArray();
        var candidates = new ulong[(rules.Count + 63) / 64];
        var lines = new int[rules.Count];
        var matches = new int[rules.Count];
        var best = Enumerable.Repeat(long.MaxValue, rules.Count).ToArray();
        for (var pass = 0; pass < 3; pass++)
        {
            Array.Clear(lines);
            Array.Clear(matches);
            var ticks = new long[rules.Count];
            for (var f = 0; f < corpus.Files.Length; f++)
            {
                var path = corpus.Files[f].Path;
                var end = f + 1 < corpus.Files.Length ? corpus.Files[f + 1].FirstLine : corpus.Lines.Length;
                for (var i = corpus.Files[f].FirstLine; i < end; i++)
                {
                    Array.Clear(candidates);
                    var line = corpus.Line(i);
                    if (line.Length > 4096 || !keywords.FindCandidates(line, candidates)) continue;
                    var text = System.Text.Encoding.UTF8.GetString(line);
                    for (var r = 0; r < rules.Count; r++)
                    {
                        if ((candidates[r >> 6] & (1UL << (r & 63))) == 0) continue;
                        if (!scopes[r](path)) continue;
                        var start = System.Diagnostics.Stopwatch.GetTimestamp();
                        if (rules[r].Regex.IsMatch(text)) matches[r]++;
                        ticks[r] += System.Diagnostics.Stopwatch.GetTimestamp() - start;
                        lines[r]++;
                    }
                }
            }
            for (var r = 0; r < rules.Count; r++) best[r] = Math.Min(best[r], ticks[r]);
        }
        Console.WriteLine($"patterns in all: {best.Sum() * 1000.0 / System.Diagnostics.Stopwatch.Frequency:F1} ms");
        Console.WriteLine("| rule | candidate lines | pattern matches | pattern ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var r in Enumerable.Range(0, rules.Count).OrderByDescending(r => best[r]).Take(top))
            Console.WriteLine($"| {rules[r].Id} | {lines[r]} | {matches[r]} | {best[r] * 1000.0 / System.Diagnostics.Stopwatch.Frequency:F1} |");
    }
}
