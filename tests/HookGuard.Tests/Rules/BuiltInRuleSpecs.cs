using HookGuard.Rules;
using HookGuard.Testing;

namespace HookGuard.Tests.Rules;

/// <summary>Every rule in rules/ carries its own examples; these run them all through the real matcher.</summary>
public class BuiltInRuleSpecs
{
    private static IEnumerable<TestCaseData> AllRules() =>
        RuleSet.BuiltIn.Select(r => new TestCaseData(r.Id).SetName("Rule " + r.Id + " passes its examples"));

    [TestCaseSource(nameof(AllRules))]
    public void Rule_passes_its_own_examples(string id)
    {
        var rule = RuleSet.BuiltIn.Single(r => r.Id == id);
        Assert.That(RuleExampleRunner.Run([rule]), Is.Empty);
    }

    [TestCaseSource(nameof(AllRules))]
    public void Rule_has_examples_remediation_and_a_cited_source(string id)
    {
        var rule = RuleSet.BuiltIn.Single(r => r.Id == id);
        Assert.Multiple(() =>
        {
            Assert.That(RulePattern.Validate(rule.Pattern), Is.Null, "pattern compiles on the linear-time engine");
            Assert.That(rule.Keywords.All(k => k.Length >= 3), Is.True, "keywords of 3+ characters");
            Assert.That(rule.Examples.Match, Has.Count.GreaterThanOrEqualTo(2), "match examples");
            Assert.That(rule.Examples.NoMatch, Has.Count.GreaterThanOrEqualTo(2), "noMatch examples");
            Assert.That(rule.Remediation.Summary, Is.Not.Empty);
            Assert.That(rule.Remediation.Revoke, Is.Not.Empty);
            Assert.That(rule.Remediation.Docs, Does.StartWith("https://"));
        });
    }

    /// <summary>Built-in patterns run on the backtracking interpreter: none may blow up on long, repetitive input.</summary>
    [TestCaseSource(nameof(AllRules))]
    public void Rule_pattern_stays_fast_on_adversarial_lines(string id)
    {
        var rule = RuleSet.BuiltIn.Single(r => r.Id == id);
        var regex = new System.Text.RegularExpressions.Regex(rule.Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        string[] fills = ["a", "aA1", "a-", "a_.", "0", " ", "=\"", "a:b@", "/+="];
        foreach (var keyword in rule.Keywords)
            foreach (var fill in fills)
            {
                var line = keyword + string.Concat(Enumerable.Repeat(fill, 8000 / fill.Length)) + keyword + "!";
                Assert.DoesNotThrow(() => regex.Match(line), $"keyword '{keyword}' then '{fill}'...");
            }
    }

    [Test]
    public void The_default_set_covers_the_core_credential_types()
    {
        var providers = RuleSet.BuiltIn.Select(r => r.Provider.ToLowerInvariant()).ToHashSet();
        string[] required = ["segment", "fullstory", "aws", "github", "gitlab", "slack", "stripe", "google", "azure", "npm", "nuget",
            "pypi", "twilio", "sendgrid", "mailgun", "openai", "anthropic", "datadog", "heroku", "shopify", "digitalocean",
            "hashicorp", "docker"];
        var missing = required.Where(p => !providers.Any(x => x.Contains(p))).ToList();
        Assert.That(missing, Is.Empty);
        Assert.That(RuleSet.BuiltIn, Has.Count.GreaterThanOrEqualTo(40));
    }

    [Test]
    public void Rule_files_each_hold_one_provider_and_ids_are_unique()
    {
        Assert.That(RuleSet.BuiltIn.Select(r => r.Id), Is.Unique);
    }
}
