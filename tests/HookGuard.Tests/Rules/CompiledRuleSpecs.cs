using HookGuard.Cli;
using HookGuard.Config;
using HookGuard.Rules;
using HookGuard.Yaml;

namespace HookGuard.Tests.Rules;

/// <summary>The rules compiled into the binary at build time are exactly those of rules/*.yaml.</summary>
public class CompiledRuleSpecs
{
    [Test]
    public void The_compiled_rule_set_equals_the_yaml_rule_set()
    {
        var errors = new List<ConfigError>();
        var rulesDir = Path.Combine(RepositoryRoot(), "rules");
        var fromYaml = RuleSet.Ordered(RuleFileLoader.LoadPath(rulesDir, errors));
        // In the order RuleSet.Ordered gives, as written: the CLI uses the list as it stands.
        var compiled = CompiledRules.Create();
        Assert.That(errors, Is.Empty);
        Assert.That(compiled.Select(Describe), Is.EqualTo(fromYaml.Select(Describe)));
    }

    [Test]
    public void A_matcher_builds_only_the_compiled_rules_whose_keywords_a_line_holds()
    {
        var rules = (CompiledRuleList)CompiledRules.Create();
        var matcher = new HookGuard.Matching.Matcher(rules);
        var found = new List<HookGuard.Matching.SecretMatch>();
        // Set-up reads traits, not rules: only path-scoped and generic rules are built for their scopes.
        var scoped = Enumerable.Range(0, rules.Count).Count(i => (rules.Traits(i) & (RuleTraits.HasPaths | RuleTraits.Generic)) != 0);
        Assert.That(rules.BuiltCount, Is.EqualTo(scoped));
        matcher.Scan("var total = items.Sum(item => item.Price * item.Quantity);", found);
        Assert.That(rules.BuiltCount, Is.EqualTo(scoped));
        matcher.Scan("key = \"" + "AKIA" + "Q3TJ7WZ5M2RBX6KD" + "\"", found);
        Assert.That(found.Select(f => f.Rule.Id), Does.Contain("aws-access-key-id"));
        Assert.That(rules.BuiltCount, Is.GreaterThan(scoped).And.LessThan(scoped + 20));
        // Built once: the same object whenever it is asked for.
        Assert.That(rules[found[0].Rule.CompiledIndex], Is.SameAs(found[0].Rule));
    }

    [Test]
    public void Compiled_traits_equal_the_built_rules()
    {
        var rules = (CompiledRuleList)CompiledRules.Create();
        var built = rules.ToArray();
        for (var i = 0; i < built.Length; i++)
            Assert.That(rules.Traits(i), Is.EqualTo(built[i].Traits), built[i].Id);
    }

    [Test]
    public void A_compiled_rule_with_overrides_keeps_its_keywords_and_a_rule_given_keywords_keeps_them()
    {
        var rule = CompiledRules.Create().First(r => r.Keywords.Count > 1);
        Assert.That(rule.WithOverrides(5.5, ["**/*.env"]).Keywords, Is.EqualTo(rule.Keywords));
        var given = new Rule { Id = "x", Name = "X", Provider = "P", Severity = Severity.Low, Keywords = ["k"], Pattern = "k(x)", Compiled = rule.Compiled, CompiledIndex = 0 };
        Assert.That(given.Keywords, Is.EqualTo(new[] { "k" }));
    }

    [Test]
    public void Rule_text_survives_encoding_with_absent_fields_empty_lists_and_unicode()
    {
        var remediation = new Remediation("grants \u00e9verything", ["one", "two; \"quoted\""], "https://example.invalid", null, "stops");
        var examples = new RuleExamples([], ["x\ty", "\u2603"]);
        var (decodedRemediation, decodedExamples) = RuleText.Decode(System.Text.Encoding.UTF8.GetBytes(RuleText.Encode(remediation, examples)));
        Assert.That(decodedRemediation.Summary, Is.EqualTo(remediation.Summary));
        Assert.That(decodedRemediation.Revoke, Is.EqualTo(remediation.Revoke));
        Assert.That(decodedRemediation.Docs, Is.EqualTo(remediation.Docs));
        Assert.That(decodedRemediation.Audit, Is.Null);
        Assert.That(decodedRemediation.Impact, Is.EqualTo("stops"));
        Assert.That(decodedExamples.Match, Is.Empty);
        Assert.That(decodedExamples.NoMatch, Is.EqualTo(examples.NoMatch));
    }

    [Test]
    public void Rule_text_refuses_what_it_could_not_decode_back()
    {
        Assert.Throws<ArgumentException>(() => RuleText.Encode(new Remediation("a\u001Eb", [], "d", null, null), RuleExamples.None));
        Assert.Throws<ArgumentException>(() => RuleText.Encode(new Remediation("s", [""], "d", null, null), RuleExamples.None));
    }

    // The regex's own pattern too: a compiled rule's is the generated one its index leads to.
    private static string Describe(Rule r) =>
        string.Join("|", r.Id, r.Name, r.Provider, r.Severity, string.Join(",", r.Keywords), r.Pattern, r.Regex, r.MinEntropy, r.Checksum, r.Generic,
            string.Join(",", r.Paths), r.Remediation.Summary, string.Join(",", r.Remediation.Revoke), r.Remediation.Docs,
            r.Remediation.Audit ?? "(no audit)", r.Remediation.Impact ?? "(no impact)", string.Join(",", r.Examples.Match), string.Join(",", r.Examples.NoMatch));

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HookGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("HookGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
