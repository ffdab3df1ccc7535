using HookGuard.Config;
using HookGuard.Rules;
using HookGuard.Yaml;

namespace HookGuard.Tests.Config;

public class ConfigLoaderSpecs
{
    private static List<ConfigError> Errors(string yaml)
    {
        ConfigLoader.Parse(".hookguard.yaml", yaml, RuleSet.BuiltIn, out var errors);
        return errors;
    }

    [Test]
    public void An_unknown_key_is_located_and_a_close_one_suggested()
    {
        var errors = Errors("rulez: {}\n");
        Assert.That(errors.Select(e => e.ToString()), Has.One.StartsWith(".hookguard.yaml:1:1: unknown key 'rulez'").And.Contains("did you mean 'rules'"));
    }

    [Test]
    public void A_yaml_syntax_error_names_its_line()
    {
        var errors = Errors("rules:\n  disable: [a\n  bad: : :\n");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Line, Is.InRange(2, 3));
        Assert.That(errors[0].Message, Does.StartWith("YAML syntax"));
    }

    [Test]
    public void An_invalid_pattern_names_the_rule_and_where_it_is()
    {
        var errors = Errors("rules:\n  custom:\n    - id: broken\n      name: B\n      keywords: [brk]\n      pattern: '(unclosed'\n      remediation: {summary: s, revoke: [r], docs: https://x.invalid}\n");
        Assert.That(errors.Select(e => e.ToString()), Has.One.StartsWith(".hookguard.yaml:6:16: rule 'broken': invalid pattern"));
    }

    [Test]
    public void A_pattern_the_linear_engine_cannot_run_is_rejected_with_the_reason()
    {
        var errors = Errors("rules:\n  custom:\n    - id: look\n      name: L\n      keywords: [abc]\n      pattern: 'abc(?=d)'\n      remediation: {summary: s, revoke: [r], docs: https://x.invalid}\n");
        Assert.That(errors.Single().Message, Does.Contain("linear-time engine"));
    }

    [Test]
    public void A_custom_rule_needs_keywords_and_remediation()
    {
        var messages = Errors("rules:\n  custom:\n    - id: bare\n      name: Bare\n      pattern: 'bare_[a-z]{10}'\n").Select(e => e.Message).ToList();
        Assert.That(messages, Has.Some.Contains("needs keywords"));
        Assert.That(messages, Has.Some.Contains("needs remediation"));
    }

    [Test]
    public void Duplicate_custom_rule_ids_and_ids_taken_by_built_in_rules_are_errors()
    {
        const string rule = "    - id: {0}\n      name: N\n      keywords: [abc]\n      pattern: 'abc_[a-z]{{8}}'\n      remediation: {{summary: s, revoke: [r], docs: https://x.invalid}}\n";
        var messages = Errors("rules:\n  custom:\n" + string.Format(rule, "mine") + string.Format(rule, "mine") + string.Format(rule, "segment-workspace-api-key"))
            .Select(e => e.Message).ToList();
        Assert.That(messages, Has.Some.Contains("duplicate rule id 'mine'"));
        Assert.That(messages, Has.Some.Contains("'segment-workspace-api-key' is already a built-in rule"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors("rules:\n  disable: [no-such-rule]\nbaseline: [1]\nmaxFileSize: lots\n");
        Assert.That(errors, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_valid_config_loads_its_parts()
    {
        var config = ConfigLoader.Parse(".hookguard.yaml", """
            rules:
              disable: [generic-secret-assignment]
            paths:
              exclude: ["fixtures/**"]
            allowlist:
              reviewers: [alice]
            maxFileSize: 2MB
            """, RuleSet.BuiltIn, out var errors);
        Assert.That(errors, Is.Empty);
        Assert.That(config.MaxFileSize, Is.EqualTo(2 * 1024 * 1024));
        Assert.That(config.Paths.Includes("fixtures/a/b.txt"), Is.False);
        Assert.That(config.Paths.Includes("src/a.cs"), Is.True);
        Assert.That(config.EffectiveRules(RuleSet.BuiltIn).Any(r => r.Id == "generic-secret-assignment"), Is.False);
    }

    [Test]
    public void An_overridden_built_in_rule_keeps_its_prose_examples_and_pattern()
    {
        var config = ConfigLoader.Parse(".hookguard.yaml", """
            rules:
              paths: { github-personal-access-token: ["src/**"] }
              entropy: { github-personal-access-token: 5.5 }
            """, RuleSet.BuiltIn, out var errors);
        Assert.That(errors, Is.Empty);
        var original = RuleSet.BuiltIn.Single(r => r.Id == "github-personal-access-token");
        var overridden = config.EffectiveRules(RuleSet.BuiltIn).Single(r => r.Id == "github-personal-access-token");
        Assert.That(overridden, Is.Not.SameAs(original));
        Assert.That(overridden.MinEntropy, Is.EqualTo(5.5));
        Assert.That(overridden.Paths, Is.EqualTo(new[] { "src/**" }));
        Assert.That(original.Paths, Is.Empty);
        Assert.That(overridden.Remediation.Summary, Is.EqualTo(original.Remediation.Summary).And.Not.Empty);
        Assert.That(overridden.Remediation.Revoke, Is.EqualTo(original.Remediation.Revoke).And.Not.Empty);
        Assert.That(overridden.Remediation.Docs, Is.EqualTo(original.Remediation.Docs));
        Assert.That(overridden.Examples.Match, Is.EqualTo(original.Examples.Match).And.Not.Empty);
        Assert.That(overridden.Examples.NoMatch, Is.EqualTo(original.Examples.NoMatch));
        Assert.That(overridden.Regex.ToString(), Is.EqualTo(original.Pattern));
        Assert.That(overridden.Keywords, Is.EqualTo(original.Keywords));
    }
}
