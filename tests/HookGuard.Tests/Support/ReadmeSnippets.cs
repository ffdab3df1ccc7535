using System.Text.RegularExpressions;
using HookGuard.Tests.Rules;

namespace HookGuard.Tests.Support;

/// <summary>
/// The code blocks docs/INTEGRATIONS.md marks with `&lt;!-- snippet: NAME --&gt;`: tests run them as
/// written, so the documented setups and what is tested cannot drift apart.
/// </summary>
public static class ReadmeSnippets
{
    public static string Get(string name)
    {
        var readme = File.ReadAllText(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "docs", "INTEGRATIONS.md"));
        var match = Regex.Match(readme, $@"<!-- snippet: {Regex.Escape(name)} -->\s*```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        Assert.That(match.Success, Is.True, $"docs/INTEGRATIONS.md has no snippet '{name}'");
        return match.Groups[1].Value;
    }
}
