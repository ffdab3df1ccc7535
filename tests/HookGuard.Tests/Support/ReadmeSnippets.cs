using System.Text.RegularExpressions;
using HookGuard.Tests.Rules;

namespace HookGuard.Tests.Support;

/// <summary>
/// The code blocks README.md marks with `&lt;!-- snippet: NAME --&gt;`: tests run them as written, so the
/// README and what is tested cannot drift apart.
/// </summary>
public static class ReadmeSnippets
{
    public static string Get(string name)
    {
        var readme = File.ReadAllText(Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "README.md"));
        var match = Regex.Match(readme, $@"<!-- snippet: {Regex.Escape(name)} -->\s*```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        Assert.That(match.Success, Is.True, $"README.md has no snippet '{name}'");
        return match.Groups[1].Value;
    }
}
