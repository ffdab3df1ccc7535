using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HookGuard.Policy;

namespace HookGuard.Benchmarks;

/// <summary>
/// The baseline read every hook run makes (PolicySnapshot) and the check of a baseline file in a change
/// (Baseline.IsExactlyWritten), through the source-generated reader, next to the JsonDocument reader it
/// replaced (kept here, verbatim, as the reference).
/// </summary>
[MemoryDiagnoser]
public class BaselineBenchmarks
{
    [Params(10, 1000)]
    public int Entries { get; set; }

    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        var entries = Enumerable.Range(0, Entries).Select(i => new BaselineEntry(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))),
            "aws-access-key-id", $"src/module{i % 37}/settings{i}.py", i % 500 + 1,
            i % 3 == 0 ? Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(i))) : null));
        _text = new Baseline(entries).ToText();
    }

    [Benchmark(Baseline = true)]
    public int JsonDocumentParse() => JsonDocumentReader(_text).Entries.Count;

    [Benchmark]
    public int SourceGeneratedParse() => Baseline.Parse(_text).Entries.Count;

    [Benchmark]
    public bool IsExactlyWritten() => Baseline.IsExactlyWritten(_text);

    /// <summary>The reader before source generation.</summary>
    internal static Baseline JsonDocumentReader(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var entries = new List<BaselineEntry>();
        foreach (var item in doc.RootElement.GetProperty("findings").EnumerateArray())
            entries.Add(new BaselineEntry(
                item.GetProperty("fingerprint").GetString() ?? "",
                item.GetProperty("ruleId").GetString() ?? "",
                item.GetProperty("path").GetString() ?? "",
                item.TryGetProperty("line", out var line) ? line.GetInt32() : 0,
                item.TryGetProperty("commit", out var commit) ? commit.GetString() : null));
        return new Baseline(entries);
    }
}
