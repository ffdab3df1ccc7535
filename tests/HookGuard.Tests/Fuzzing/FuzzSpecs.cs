using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HookGuard.Config;
using HookGuard.Findings;
using HookGuard.Matching;
using HookGuard.Policy;
using HookGuard.Rules;
using HookGuard.Sources;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing (FsCheck) of everything that reads untrusted input: the patch reader, the
/// allowlist-comment parser, the config loader and the matcher. Inputs are random and mutations of the
/// corpus in Fuzzing/corpus. HOOKGUARD_FUZZ_RUNS sets the cases per property (CI runs a short pass).
/// </summary>
public class FuzzSpecs
{
    internal static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("HOOKGUARD_FUZZ_RUNS"), out var n) ? n : 1500;
    private static readonly string CorpusDir = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "corpus");
    private static readonly Matcher FullMatcher = new(RuleSet.BuiltIn);

    /// <summary>Fragments of the formats under test, spliced in so mutations reach deep parser states.</summary>
    private static readonly string[] Tokens =
        ["@@ -0,0 +1,3 @@\n", "diff --git a/x b/x\n", "+++ b/y\n", "\u0001hookguard-commit ", "hookguard:allow ", "sgp_", "'(a+)+$'", "  - id: x\n", ": [", "{ "];

    private const string Punctuation = "\n+-@ \"\\\t\r\0:";

    private static byte[] Corpus(string name) => File.ReadAllBytes(Path.Combine(CorpusDir, name));

    /// <summary>Mutations of these files of Fuzzing/corpus.</summary>
    private static Arbitrary<byte[]> Mutated(params string[] seeds) => MutationsOf(seeds.Select(Corpus).ToArray());

    /// <summary>These inputs with random byte flips, insertions, deletions and splices, or plain random bytes.</summary>
    internal static Arbitrary<byte[]> MutationsOf(byte[][] corpus)
    {
        var random = ArbMap.Default.GeneratorFor<byte[]>();
        var mutations = ArbMap.Default.GeneratorFor<(int Seed, int Count)>().Select(p =>
        {
            var rng = new Random(p.Seed);
            var bytes = corpus[rng.Next(corpus.Length)].ToList();
            for (var i = 0; i < 1 + Math.Abs(p.Count % 12); i++)
            {
                var at = rng.Next(bytes.Count + 1);
                switch (rng.Next(5))
                {
                    case 0 when at < bytes.Count: bytes[at] = (byte)rng.Next(256); break;
                    case 1: bytes.Insert(at, (byte)Punctuation[rng.Next(Punctuation.Length)]); break;
                    case 2 when at < bytes.Count: bytes.RemoveRange(at, Math.Min(rng.Next(1, 40), bytes.Count - at)); break;
                    case 3: bytes.InsertRange(at, bytes.Skip(rng.Next(Math.Max(1, bytes.Count))).Take(rng.Next(1, 80)).ToList()); break;
                    default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[rng.Next(Tokens.Length)])); break;
                }
            }
            return bytes.ToArray();
        });
        return Gen.Frequency((3, mutations), (1, random.Select(b => b ?? []))).ToArbitrary();
    }

    internal static void Check(Arbitrary<byte[]> inputs, Action<byte[]> property, string what)
    {
        var executed = 0;
        Prop.ForAll(inputs, input =>
        {
            executed++;
            property(input);
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true));
        TestContext.Out.WriteLine($"{what}: {executed} executions, 0 crashes");
    }

    private sealed class CheckingSink : IPatchSink
    {
        public void BeginCommit(CommitInfo commit) => Assert.That(commit.Sha, Is.Not.Null);
        public bool BeginFile(string path) => path.Length > 0 || true;
        public void Skip(string path, string reason) { }
        public bool BeginDecodedFile(string path, CommitInfo? commit) => true;
        public void BinaryFile(string path) { }
        public void NewName(string path) => Assert.That(path, Is.Not.Empty);
        public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) => Assert.That(lineNumber, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void The_patch_reader_never_throws_on_any_bytes() =>
        Check(Mutated("staged.patch", "history.patch"), input => new PatchReader(new CheckingSink()).Read(new MemoryStream(input)), "patch reader");

    [Test]
    public void The_patch_reader_and_matcher_together_never_throw_and_report_real_spans() =>
        Check(Mutated("staged.patch", "history.patch"), input =>
        {
            using var scanner = new LineScanner(RuleSet.BuiltIn, _ => true, null);
            new PatchReader(scanner).Read(new MemoryStream(input));
            foreach (var f in scanner.Finish())
                Assert.That(f.LineText.Substring(f.Column - 1, f.Secret.Length), Is.EqualTo(f.Secret));
        }, "patch reader + matcher");

    [Test]
    public void The_allowlist_comment_parser_never_throws_and_names_a_rule_when_it_accepts() =>
        Check(Mutated("lines.txt"), input =>
        {
            foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
                if (AllowComment.TryParse(line, out var comment))
                {
                    Assert.That(comment.RuleId, Is.Not.Empty);
                    _ = comment.Problem(["alice"]);
                }
        }, "allowlist comments");

    [Test]
    public void The_config_loader_reports_problems_and_never_throws() =>
        Check(Mutated("config.yaml"), input =>
        {
            ConfigLoader.Parse(".hookguard.yaml", Encoding.UTF8.GetString(input), RuleSet.BuiltIn, out var errors);
            Assert.That(errors.All(e => e.ToString().StartsWith(".hookguard.yaml", StringComparison.Ordinal)), Is.True);
        }, "config loader");

    [Test]
    public void The_matcher_never_throws_and_every_match_is_a_span_of_its_line() =>
        Check(Mutated("lines.txt"), input =>
        {
            var results = new List<SecretMatch>();
            foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
            {
                FullMatcher.Scan(line, results);
                foreach (var m in results) Assert.That(line.Substring(m.Start, m.Length), Is.EqualTo(m.Secret));
            }
        }, "matcher");
}
