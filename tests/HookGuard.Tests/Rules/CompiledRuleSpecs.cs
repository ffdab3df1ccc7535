using HookGuard.Cli;
using HookGuard.Config;
using HookGuard.Rules;

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
        var compiled = RuleSet.Ordered(CompiledRules.Create());
        Assert.That(errors, Is.Empty);
        Assert.That(compiled.Select(Describe), Is.EqualTo(fromYaml.Select(Describe)));
    }

    private static string Describe(Rule r) =>
        string.Join("|", r.Id, r.Name, r.Provider, r.Severity, string.Join(",", r.Keywords), r.Pattern, r.MinEntropy, r.Checksum, r.Generic,
            string.Join(",", r.Paths), r.Remediation.Summary, string.Join(",", r.Remediation.Revoke), r.Remediation.Docs,
            r.Remediation.Audit, r.Remediation.Impact, string.Join(",", r.Examples.Match), string.Join(",", r.Examples.NoMatch));

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HookGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("HookGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
