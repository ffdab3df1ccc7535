using System.Text;
using System.Text.RegularExpressions;
using HookGuard.Yaml;
using HookGuard.Rules;
using HookGuard.Tests.Fuzzing;

namespace HookGuard.Tests.Rules;

/// <summary>
/// The runner all near rules share finds what each rule's written pattern finds on the regex engine:
/// the same matches, at the same places, with the same value, on the rule's examples and on lines built
/// from its own keywords, names, gaps and alphabet (and the characters where regex classes surprise:
/// Unicode letters and marks, the Kelvin sign, odd spaces).
/// </summary>
public class NearPatternSpecs
{
    private static readonly Lazy<IReadOnlyList<Rule>> NearRules = new(() =>
    {
        var errors = new List<ConfigError>();
        var rules = Directory.GetFiles(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "rules"), "*.yaml")
            .SelectMany(path => RuleFileLoader.LoadPath(path, errors)).Where(r => r.Near is not null).ToList();
        Assert.That(errors, Is.Empty);
        return rules;
    });

    private static readonly Dictionary<string, NearBlock> Blocks = new()
    {
        ["plain"] = new(["acmecloud"], [], 20, "hex-lower", 32, 32, ""),
        ["names"] = new(["acme", "acme.io"], ["secret", "key"], 12, "alnum", 20, 40, ""),
        ["prefix"] = new(["kumo"], [], 4, "base64url", 16, 24, "pk_"),
        ["padded"] = new(["skyline"], ["token"], 20, "base64", 12, 16, ""),
        ["uuid"] = new(["kettle"], [], 0, "uuid", 0, 0, ""),
        ["class"] = new(["acme-k"], [], 60, "[A-Za-z0-9._-]", 8, 10, "v2/"),
        ["negated"] = new(["acme_key"], [], 20, "[^\"' ]", 8, 12, ""),
    };

    // Fixed in CI; a long fuzzing run raises HOOKGUARD_FUZZ_RUNS (and so the lines per shape and rule) and picks its seed.
    private static readonly int Scale = Math.Max(1, FuzzSpecs.Runs / 1500);
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("HOOKGUARD_FUZZ_SEED"), out var seed) ? seed : 0;

    private static IEnumerable<TestCaseData> Shapes() =>
        Blocks.Keys.Select((name, i) => new TestCaseData(name, i).SetName("A near block with " + name + " matches as its pattern does"));

    [TestCaseSource(nameof(Shapes))]
    public void A_written_block_matches_as_its_pattern_does(string shape, int seed)
    {
        var block = Blocks[shape];
        var random = new Random(seed + Seed);
        var runner = new NearPattern(block, block.ToPattern());
        var oracle = new Regex(block.ToPattern(), RegexOptions.CultureInvariant);
        var found = 0;
        for (var i = 0; i < 4000 * Scale; i++)
            found += Compare(runner, oracle, GeneratedLine(block, random), random);
        Assert.That(found, Is.GreaterThan(200), "the generated lines reach the value often enough to compare matches");
    }

    [Test]
    public void Every_near_rule_matches_as_its_pattern_does_on_its_examples_and_on_lines_built_from_it()
    {
        Assert.That(NearRules.Value, Has.Count.GreaterThan(200));
        var random = new Random(20261207 + Seed);
        var found = 0;
        foreach (var rule in NearRules.Value)
        {
            Assert.That(rule.Regex, Is.InstanceOf<NearPattern>(), rule.Id);
            var oracle = new Regex(rule.Pattern, RegexOptions.CultureInvariant);
            foreach (var line in rule.Examples.Match.Concat(rule.Examples.NoMatch))
                found += Compare(rule.Regex, oracle, line, random, rule.Id);
            for (var i = 0; i < 150 * Scale; i++)
                found += Compare(rule.Regex, oracle, GeneratedLine(rule.Near!, random), random, rule.Id);
        }
        Assert.That(found, Is.GreaterThan(NearRules.Value.Count * 20));
    }

    [Test]
    public void A_compiled_near_rule_runs_on_the_shared_runner()
    {
        var ids = NearRules.Value.Select(r => r.Id).ToHashSet();
        var compiled = RuleSet.BuiltIn.Where(r => ids.Contains(r.Id)).ToList();
        Assert.That(compiled, Has.Count.EqualTo(ids.Count));
        Assert.That(compiled.Where(r => r.Regex is not NearPattern).Select(r => r.Id), Is.Empty);
        Assert.That(compiled.Select(r => r.Regex.ToString()), Is.EqualTo(compiled.Select(r => r.Pattern)));
    }

    /// <summary>Every match of both on the line (and from a random start, and the span test); returns how many matched.</summary>
    private static int Compare(Regex runner, Regex oracle, string line, Random random, string rule = "")
    {
        static string All(Regex regex, string line, int start)
        {
            var text = new StringBuilder();
            for (var m = regex.Match(line, start); m.Success; m = m.NextMatch())
                text.Append($"[{m.Index},{m.Length}:{m.Groups[1].Index},{m.Groups[1].Length}]");
            return text.ToString();
        }
        var expected = All(oracle, line, 0);
        Assert.That(All(runner, line, 0), Is.EqualTo(expected), $"{rule} on {Visible(line)}");
        Assert.That(runner.IsMatch(line.AsSpan()), Is.EqualTo(expected.Length > 0), $"{rule} IsMatch on {Visible(line)}");
        var start = random.Next(line.Length + 1);
        Assert.That(All(runner, line, start), Is.EqualTo(All(oracle, line, start)), $"{rule} from {start} on {Visible(line)}");
        Assert.That(runner.Match(line).Groups["secret"].Success, Is.False, "no named group, as the written pattern has none");
        return expected.Length > 0 ? 1 : 0;
    }

    private static string Visible(string line) => string.Concat(line.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    private static readonly string[] Operators = ["=", ":", "=>", ":=", "==", " = ", ": ", "=\t", "= \u00a0", "\u2003=", " := "];
    private static readonly string[] Quotes = ["", "'", "\"", "\"]", "']", "\"\"", "]", "'\"]"];
    private static readonly string[] Noise = ["é", "ß", "\u0301", "\u0903", "\u200d", "\u212a", "İ", "_", ".", "-", "$", "{", "}", " ", "\t", "\n", "é9", "x", "=", "+", "/", "value", "VALUE", " value", "\" value", "' \t value"];

    private static string GeneratedLine(NearBlock block, Random random)
    {
        var line = new StringBuilder();
        if (random.Next(3) == 0) line.Append(Pick(random, ["const ", "  ", "export ", "<add key=\"", "ENV['", "x", "é"]));
        for (var part = 0; part < 1 + random.Next(2); part++)
        {
            line.Append(Case(Pick(random, block.Keywords), random));
            line.Append(NameChars(random, random.Next(4) == 0 ? random.Next(block.Distance + 3) : random.Next(6)));
            if (block.Names.Count > 0 && random.Next(5) > 0)
            {
                line.Append(Case(Pick(random, block.Names), random));
                line.Append(NameChars(random, random.Next(3) == 0 ? random.Next(NearBlock.DefaultDistance + 3) : random.Next(4)));
            }
            if (random.Next(6) == 0) line.Append(Pick(random, ["\" value", "' value", "\"  VALUE", "'\tvalue", "\"value"]));
            line.Append(Pick(random, Quotes)).Append(Pick(random, Operators)).Append(Pick(random, ["", "", "'", "\"", "  ", "     "]));
            line.Append(Value(block, random));
            if (random.Next(3) == 0) line.Append(Pick(random, Noise));
        }
        if (random.Next(4) == 0) line.Append(Pick(random, ["\n", "\";", "',", " # note", "=", "==", "-x", "/"]));
        return line.ToString();
    }

    private static string Value(NearBlock block, Random random)
    {
        var prefix = random.Next(8) == 0 ? "" : block.Prefix;
        var alphabet = AlphabetChars(block);
        var length = block.Alphabet == "uuid" ? 36 : block.MinLength + random.Next(-2, block.MaxLength - block.MinLength + 3);
        var value = new StringBuilder(prefix);
        for (var i = 0; i < Math.Max(0, length); i++)
            value.Append(block.Alphabet == "uuid" && i is 8 or 13 or 18 or 23 ? '-' : alphabet[random.Next(alphabet.Length)]);
        if (random.Next(6) == 0 && value.Length > 0) value[random.Next(value.Length)] = Pick(random, Noise)[0];
        if (random.Next(4) == 0) value.Append('=', random.Next(1, 4));
        return value.ToString();
    }

    private static string AlphabetChars(NearBlock block)
    {
        var set = block.Alphabet == "uuid" ? "[0-9a-fA-F]" : NearBlock.Alphabets.GetValueOrDefault(block.Alphabet, block.Alphabet);
        var chars = Enumerable.Range(32, 95).Select(c => (char)c).Concat("éßİ\u212a").Where(c => Regex.IsMatch(c.ToString(), "^" + set + "$")).ToArray();
        return new string(chars);
    }

    private static string NameChars(Random random, int count) =>
        new(Enumerable.Range(0, count).Select(_ => NameAlphabet[random.Next(NameAlphabet.Length)]).ToArray());

    private const string NameAlphabet = "abcXYZ019_.-é\u0301ß\u212a";

    private static string Case(string word, Random random) =>
        new(word.Select(c => random.Next(3) switch
        {
            0 => char.ToUpperInvariant(c),
            1 when c == 'k' => '\u212a',
            _ => c,
        }).ToArray());

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
