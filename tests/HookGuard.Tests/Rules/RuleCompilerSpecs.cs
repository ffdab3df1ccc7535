using HookGuard.Tests.Support;

namespace HookGuard.Tests.Rules;

/// <summary>The rule compiler is the build's gate: a rule whose own examples do not hold fails it, as gitleaks' generator does.</summary>
public class RuleCompilerSpecs
{
    [Test]
    public void A_rule_whose_match_example_is_not_found_fails_the_compiler()
    {
        var root = CompiledRuleSpecs.RepositoryRoot();
        var compiler = Directory.EnumerateFiles(Path.Combine(root, "src", "HookGuard.RuleCompiler", "bin"), "HookGuard.RuleCompiler.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        Assume.That(compiler, Is.Not.Null, "the rule compiler is built with the solution");
        var rules = Directory.CreateTempSubdirectory("hookguard-rules-");
        try
        {
            File.WriteAllText(Path.Combine(rules.FullName, "acme.yaml"), """
                provider: 'ACME'
                docs: https://example.com/docs
                rules:
                  - id: acme-token
                    name: ACME token
                    severity: high
                    keywords: [acme_]
                    pattern: '\b(acme_[a-z0-9]{32})\b'
                    remediation:
                      summary: 'An ACME token reads every project.'
                      revoke: ['Revoke it in the ACME console.', 'Create a new one and store it in CI secrets.']
                      docs: https://example.com/tokens
                      audit: 'The ACME audit log.'
                      impact: 'Clients using the old token stop working.'
                    examples:
                      match: ['t = acme_0123456789abcdef0123456789abcdef', 'acme_short']
                      noMatch: ['acme_', 'nothing here']
                """);
            var run = ProcessRunner.Run("dotnet", [compiler!, rules.FullName, Path.Combine(rules.FullName, "out.cs")], rules.FullName);
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Stderr, Does.Contain("error HG0002").And.Contain("acme-token: match example not found (number 2)"));
            Assert.That(File.Exists(Path.Combine(rules.FullName, "out.cs")), Is.False, "nothing is written for a failing rule set");
        }
        finally
        {
            rules.Delete(recursive: true);
        }
    }
}
