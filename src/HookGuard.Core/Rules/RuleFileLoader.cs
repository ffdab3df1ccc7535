using HookGuard.Yaml;

namespace HookGuard.Rules;

/// <summary>Reads rules/*.yaml: a provider, its documentation page, and its rules.</summary>
internal static class RuleFileLoader
{
    private static readonly string[] FileKeys = ["provider", "docs", "rules"];

    public static IReadOnlyList<Rule> Load(string displayName, string text, List<ConfigError> errors, bool compilePatterns = true)
    {
        var file = new YamlFile(displayName);
        var root = file.Map(file.Load(text), "a rule file");
        var rules = new List<Rule>();
        if (root is not null)
        {
            file.CheckKeys(root, "a rule file", FileKeys);
            var provider = file.String(YamlFile.Get(root, "provider"), "provider");
            if (provider is null) file.Error(root, "a rule file needs 'provider'");
            if (file.String(YamlFile.Get(root, "docs"), "docs") is null)
                file.Error(root, "a rule file needs 'docs': the provider's page documenting the credential format");
            foreach (var node in file.Items(YamlFile.Get(root, "rules"), "rules"))
                if (RuleReader.Read(file, node, provider, compilePatterns) is { } rule) rules.Add(rule);
        }
        else if (file.Errors.Count == 0)
        {
            file.Errors.Add(new ConfigError(displayName, 0, 0, "empty rule file"));
        }
        errors.AddRange(file.Errors);
        return rules;
    }

    /// <summary>Every *.yaml file in a folder, or the one file named; ids must be unique across them.</summary>
    public static IReadOnlyList<Rule> LoadPath(string path, List<ConfigError> errors)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.yaml").Concat(Directory.GetFiles(path, "*.yml")).Order(StringComparer.Ordinal).ToArray()
            : [path];
        var rules = new List<Rule>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                errors.Add(new ConfigError(file, 0, 0, "no such rule file or folder"));
                continue;
            }
            rules.AddRange(Load(file, File.ReadAllText(file), errors));
        }
        RuleSet.CheckUniqueIds(rules, errors);
        return rules;
    }
}
