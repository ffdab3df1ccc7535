using System.Text;
using HookGuard.Cli;
using HookGuard.Matching;
using HookGuard.Rules;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Matching;

/// <summary>
/// The byte-level prefilter must never miss a keyword: its candidates and occurrences are compared with a plain
/// case-insensitive search over every keyword of the default rule set, on lines built to put keywords
/// at every offset of its eight-byte windows, at line ends, after indentation and in mixed case.
/// </summary>
public class KeywordIndexSpecs
{
    private static readonly IReadOnlyList<Rule> Rules = RuleSet.BuiltIn;
    private static readonly KeywordIndex Index = new(Rules);
    // The scalar path alone: what machines without AVX2 run, and every line's last bytes.
    private static readonly KeywordIndex ScalarIndex = new(Rules, vectorized: false);
    // The rules as the CLI ships them, compiled in with their keyword index as data in the binary.
    private static readonly IReadOnlyList<Rule> CompiledRuleList = RuleSet.Ordered(CompiledRules.Create());
    private static readonly KeywordIndex CompiledIndex = new(CompiledRuleList);

    [Test]
    public void The_compiled_rules_use_the_index_compiled_with_them_which_is_the_one_their_yaml_builds()
    {
        Assert.That(CompiledIndex.IsCompiled, "nothing is built at start-up for the built-in rules");
        Assert.That(Index.IsCompiled, Is.False);
        Assert.That(new CompiledRules().KeywordIndexImage.ToArray(), Is.EqualTo(KeywordIndex.Image(Rules)), "rebuilt with the rules and the index code");
        // Any other list builds its own: a rule left out (a repository disabled it), or a custom rule added.
        Assert.That(new KeywordIndex(CompiledRuleList.Skip(1).ToList()).IsCompiled, Is.False);
        Assert.That(new KeywordIndex([.. CompiledRuleList, TestRules.Make("custom", "custom-key", "x")]).IsCompiled, Is.False);
    }

    [Test]
    public void Candidates_are_exactly_the_rules_whose_keywords_occur_in_the_line()
    {
        var rng = new Random(7);
        var keywords = Rules.SelectMany(r => r.Keywords).Distinct().ToArray();
        const string filler = "abcdefghijklmnopqrstuvwxyz ABCXYZ_-.:=\"'0123456789\tü€";
        for (var n = 0; n < 20000; n++)
        {
            var line = new StringBuilder();
            if (rng.Next(3) == 0) line.Append(' ', rng.Next(12));
            for (var part = rng.Next(1, 12); part > 0; part--)
            {
                var start = rng.Next(filler.Length);
                line.Append(filler.AsSpan(start, Math.Min(rng.Next(12), filler.Length - start)));
                var keyword = keywords[rng.Next(keywords.Length)];
                // Mixed case, and sometimes cut short: a near miss must not become a candidate.
                var cased = new string(keyword.Select(c => rng.Next(2) == 0 ? char.ToUpperInvariant(c) : c).ToArray());
                line.Append(rng.Next(5) == 0 ? cased[..^1] : cased);
            }
            AssertSameAsReference(line.ToString());
        }
    }

    [TestCase("")]
    [TestCase("ab")]
    [TestCase("ghp")]
    [TestCase("hf_")]
    [TestCase("   \t  hf_")]
    [TestCase("xxxxxxxhf_")]
    [TestCase("GHP_")]
    [TestCase("-----BEGIN RSA PRIVATE KEY-----")]
    public void Short_lines_and_keywords_at_the_very_end_are_seen(string line) => AssertSameAsReference(line);

    // The bytes rare in ordinary code, not in English prose: `typ` and `ing` are in most source files.
    [TestCase("typesense", 0)]
    [TestCase("tiingo", 2)]
    [TestCase("clarifai", 0)]
    public void A_keyword_is_not_anchored_on_a_sequence_common_in_source_code(string keyword, int common) =>
        Assert.That(KeywordIndex.RarestAnchor(System.Text.Encoding.UTF8.GetBytes(keyword)), Is.Not.EqualTo(common));

    [Test]
    public void A_keyword_shorter_than_three_bytes_is_refused_rather_than_never_matched()
    {
        var rule = TestRules.Make("short", "ab", "ab[0-9]+");
        Assert.Throws<ArgumentException>(() => _ = new KeywordIndex([rule]));
    }

    [Test]
    public void Keywords_shared_between_rules_repeated_or_in_upper_case_lead_to_each_of_their_rules()
    {
        // Custom rules' keywords come as written: upper case, repeated, shared, or longer in UTF-8 once
        // lower-cased (U+023A is two bytes, U+2C65 three).
        Rule[] rules =
        [
            TestRules.Make("first", "Token", "x", moreKeywords: ["TOKEN", "\u023Apikey"]),
            TestRules.Make("second", "token", "x", moreKeywords: ["SeCrEt"]),
            TestRules.Make("third", "secret", "x"),
        ];
        var index = new KeywordIndex(rules);
        string[] Found(string line)
        {
            var candidates = new ulong[1];
            index.FindCandidates(Encoding.UTF8.GetBytes(line), candidates);
            return Enumerable.Range(0, rules.Length).Where(r => (candidates[0] & (1UL << r)) != 0).Select(r => rules[r].Id).ToArray();
        }
        Assert.That(Found("my tOkEn here"), Is.EqualTo(new[] { "first", "second" }));
        Assert.That(Found("the SECRET"), Is.EqualTo(new[] { "second", "third" }));
        Assert.That(Found("\u2C65pikey = 1"), Is.EqualTo(new[] { "first" }));
        Assert.That(Found("nothing to see"), Is.Empty);
        var occurrences = new List<(int Rule, int Offset)>();
        index.FindOccurrences(Encoding.UTF8.GetBytes("token secret"), occurrences);
        Assert.That(occurrences.Order(), Is.EqualTo(new[] { (0, 0), (1, 0), (1, 6), (2, 6) }));
    }

    private static void AssertSameAsReference(string line)
    {
        foreach (var index in new[] { Index, ScalarIndex, CompiledIndex }) AssertSameAsReference(index, line);
    }

    private static void AssertSameAsReference(KeywordIndex index, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var candidates = new ulong[(Rules.Count + 63) / 64];
        var found = index.FindCandidates(bytes, candidates);
        var expected = Enumerable.Range(0, Rules.Count)
            .Where(r => Rules[r].Keywords.Any(k => line.Contains(k, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var actual = Enumerable.Range(0, Rules.Count).Where(r => (candidates[r >> 6] & (1UL << (r & 63))) != 0).ToList();
        Assert.That(actual.Select(r => Rules[r].Id), Is.EqualTo(expected.Select(r => Rules[r].Id)), $"line: {line}");
        Assert.That(found, Is.EqualTo(expected.Count > 0));

        // Every occurrence, for the long-line path: (rule, byte offset) of each keyword found.
        var occurrences = new List<(int Rule, int Offset)>();
        index.FindOccurrences(bytes, occurrences);
        var expectedOccurrences = Enumerable.Range(0, Rules.Count)
            .SelectMany(r => Rules[r].Keywords.SelectMany(k => Offsets(line, k)).Select(offset => (r, offset)))
            .Distinct().Order().ToList();
        Assert.That(occurrences.Distinct().Order(), Is.EqualTo(expectedOccurrences), $"line: {line}");
    }

    private static IEnumerable<int> Offsets(string line, string keyword)
    {
        for (var at = line.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0; at = line.IndexOf(keyword, at + 1, StringComparison.OrdinalIgnoreCase))
            yield return Encoding.UTF8.GetByteCount(line.AsSpan(0, at));
    }
}
