using System.Text;
using System.Text.RegularExpressions;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Sources;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

public class ParallelMatchingSpecs
{
    /// <summary>A history-like patch: many commits, secrets scattered, some with allowlist comments above.</summary>
    private static byte[] History(int commits)
    {
        var text = new StringBuilder();
        for (var c = 0; c < commits; c++)
        {
            text.Append(PatchReader.CommitMarker).Append($"{c:x40}\u001fDev <dev@x>\u001fcommit {c}\n\n");
            text.Append($"diff --git a/f{c % 7}.py b/f{c % 7}.py\n--- a/f{c % 7}.py\n+++ b/f{c % 7}.py\n@@ -1,0 +1,40 @@\n");
            for (var l = 0; l < 40; l++)
            {
                text.Append('+').Append(l switch
                {
                    7 when c % 3 == 0 => $"# hookguard:allow * reason=\"fixture\" reviewed-by=alice",
                    8 when c % 3 == 0 || c % 5 == 0 => $"KEY = \"{FakeSecrets.SegmentToken(c)}\"",
                    _ => $"value_{l} = compute(items[{l}], rate) * {c}",
                }).Append('\n');
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<string> Scan(byte[] patch, int threads)
    {
        using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null, threads);
        new PatchReader(scanner).Read(new MemoryStream(patch));
        return scanner.Finish().Select(f => $"{f.Commit!.Sha[^4..]} {f.Path}:{f.Line}:{f.Column} {f.Rule.Id} above={f.LineAbove}").ToList();
    }

    [Test]
    public void Matcher_threads_find_exactly_what_one_thread_finds_in_the_same_order()
    {
        var patch = History(3000);
        var sequential = Scan(patch, threads: 0);
        Assert.That(sequential, Has.Count.GreaterThan(200));
        Assert.That(Scan(patch, threads: 3), Is.EqualTo(sequential));
    }

    [Test]
    public void A_matcher_thread_that_fails_stops_the_scan_with_its_error_instead_of_hanging_it()
    {
        // An unvalidated broken pattern throws on the worker the first time its keyword occurs.
        var broken = TestRules.Make("broken", "value_", "(unclosed");
        var patch = History(8000); // ~15 batches of 1 MB: far more than the bounded queue holds
        var scan = Task.Run(() =>
        {
            using var scanner = new LineScanner([broken], _ => true, null, threads: 2);
            new PatchReader(scanner).Read(new MemoryStream(patch));
            return scanner.Finish();
        });
        Assert.That(scan.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(30)), Is.True, "the scan ended");
        Assert.That(scan.Exception?.Flatten().InnerExceptions, Has.Some.InstanceOf<RegexParseException>());
    }
}
