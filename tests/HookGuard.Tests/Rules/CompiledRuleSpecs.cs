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
