using HookGuard.Yaml;

namespace HookGuard.Rules;

/// <summary>The default rules, embedded from rules/*.yaml at build time.</summary>
internal static class RuleSet
{
    private static IReadOnlyList<Rule>? _builtIn;
    private static Func<IReadOnlyList<Rule>>? _compiled;

    /// <summary>The default rules: compiled into the binary when the host provided them, else read from the embedded YAML.</summary>
    public static IReadOnlyList<Rule> BuiltIn => _builtIn ??= _compiled is null ? LoadEmbedded() : _compiled();

    /// <summary>
    /// The CLI hands over the rules its build compiled from rules/*.yaml (no YAML parsing at start-up),
    /// already in <see cref="Ordered"/> order: the rule compiler writes them so.
    /// </summary>
    public static void UseCompiled(Func<IReadOnlyList<Rule>> compiled)
    {
        _compiled = compiled;
        _builtIn = null;
    }

    private static IReadOnlyList<Rule> LoadEmbedded()
    {
        var assembly = typeof(RuleSet).Assembly;
        var errors = new List<ConfigError>();
        var rules = new List<Rule>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            rules.AddRange(RuleFileLoader.Load(name, reader.ReadToEnd(), errors, compilePatterns: false));
        }
        CheckUniqueIds(rules, errors);
        // The build's tests reject a broken rule file; a broken one here means a bad build, not bad input.
        if (errors.Count > 0) throw new ConfigException(errors);
        return Ordered(rules);
    }

    /// <summary>Provider rules first: where a generic rule sees the same value, the precise one is reported.</summary>
    public static IReadOnlyList<Rule> Ordered(IEnumerable<Rule> rules)
    {
        // A stable partition, not OrderBy: it runs at every commit.
        var ordered = new List<Rule>();
        var generic = new List<Rule>();
        foreach (var rule in rules) (rule.Generic ? generic : ordered).Add(rule);
        ordered.AddRange(generic);
        return ordered;
    }

    public static void CheckUniqueIds(IEnumerable<Rule> rules, List<ConfigError> errors)
    {
        foreach (var group in rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            errors.Add(new ConfigError(group.Last().Origin, 0, 0,
                $"duplicate rule id '{group.Key}' (also at {group.First().Origin})"));
    }
}
