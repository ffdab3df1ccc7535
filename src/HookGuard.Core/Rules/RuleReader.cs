using System.Text.RegularExpressions;
using HookGuard.Yaml;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Rules;

/// <summary>Reads one rule entry (the schema of rules/*.yaml and of custom rules in .hookguard.yaml).</summary>
internal static partial class RuleReader
{
    private static readonly string[] RuleKeys =
        ["id", "name", "provider", "severity", "keywords", "pattern", "near", "entropy", "checksum", "generic", "fileName", "paths", "remediation", "examples"];
    private static readonly string[] RemediationKeys = ["summary", "revoke", "docs", "audit", "impact"];
    private static readonly string[] ExampleKeys = ["match", "noMatch"];

    /// <param name="compilePatterns">
    /// Compile the pattern now to report it as invalid. The embedded rules skip this at start-up (the
    /// build's tests compile every one), so that a rule whose keyword never occurs costs nothing.
    /// </param>
    /// <param name="custom">From .hookguard.yaml rather than rules/: run on the linear-time engine.</param>
    public static Rule? Read(YamlFile file, YamlNode node, string? provider, bool compilePatterns, bool custom = false)
    {
        var map = file.Map(node, "a rule");
        if (map is null) return null;
        file.CheckKeys(map, "a rule", RuleKeys);
        var errorsBefore = file.Errors.Count;

        var id = file.String(YamlFile.Get(map, "id"), "id");
        if (id is null)
        {
            file.Error(map, "a rule needs an id");
            return null;
        }
        if (!KebabCase().IsMatch(id)) file.Error(YamlFile.Get(map, "id")!, $"rule id '{id}' must be kebab-case (a-z, 0-9, '-')");
        var where = $"rule '{id}'";

        var name = file.String(YamlFile.Get(map, "name"), "name") ?? Require(file, map, where, "name");
        var ruleProvider = file.String(YamlFile.Get(map, "provider"), "provider") ?? provider ?? "Custom";
        var severity = ReadSeverity(file, map, where);
        var nearNode = YamlFile.Get(map, "near");
        var near = nearNode is null ? null : NearBlockReader.Read(file, nearNode, where);
        var keywords = file.Strings(YamlFile.Get(map, "keywords"), "keywords").Select(k => k.ToLowerInvariant()).ToList();
        // A near rule's keywords are its provider keywords unless it names others (each must still occur in every match).
        if (keywords.Count == 0 && near is not null) keywords = [.. near.Keywords];
        if (keywords.Count == 0 && nearNode is null)
            file.Error(map, $"{where} needs keywords: at least one literal that every match contains (the prefilter runs a rule only on lines holding one)");
        foreach (var keyword in keywords.Where(k => k.Length < 3))
            file.Error(YamlFile.Get(map, "keywords")!, $"{where}: keyword '{keyword}' is shorter than 3 characters and would run the rule on most lines");
        var pattern = file.String(YamlFile.Get(map, "pattern"), "pattern");
        if (pattern is not null && nearNode is not null) file.Error(nearNode, $"{where} has both 'pattern' and 'near': a near block writes the pattern");
        pattern ??= near?.ToPattern() ?? (nearNode is null ? Require(file, map, where, "pattern") : "");
        if (custom && pattern.Length > RulePattern.MaxCustomLength)
            file.Error(YamlFile.Get(map, "pattern") ?? nearNode!, $"{where}: the pattern is {pattern.Length} characters long; at most {RulePattern.MaxCustomLength} are accepted");
        else if (compilePatterns && pattern.Length > 0 && RulePattern.Validate(pattern) is { } problem)
            file.Error(YamlFile.Get(map, "pattern") ?? nearNode!, $"{where}: invalid pattern: {problem}");
        var entropy = file.Number(YamlFile.Get(map, "entropy"), $"{where}: entropy", 0, 8) ?? near?.DefaultEntropy ?? 0;
        var checksum = ReadChecksum(file, map, where);
        var generic = file.String(YamlFile.Get(map, "generic"), "generic") is "true";
        var fileName = file.String(YamlFile.Get(map, "fileName"), "fileName") is "true";
        var paths = file.Strings(YamlFile.Get(map, "paths"), $"{where}: paths");
        var remediation = ReadRemediation(file, YamlFile.Get(map, "remediation"), map, where);
        var examples = ReadExamples(file, YamlFile.Get(map, "examples"));

        if (file.Errors.Count > errorsBefore) return null;
        return new Rule
        {
            Id = id,
            Name = name,
            Provider = ruleProvider,
            Severity = severity,
            Keywords = keywords,
            Pattern = pattern,
            Near = near,
            MinEntropy = entropy,
            Checksum = checksum,
            Generic = generic,
            FileName = fileName,
            Paths = paths,
            Remediation = remediation,
            Examples = examples,
            Origin = $"{file.DisplayName}:{map.Start.Line}:{map.Start.Column}",
            Custom = custom,
        };
    }

    private static string Require(YamlFile file, YamlMappingNode map, string where, string key)
    {
        file.Error(map, $"{where} needs '{key}'");
        return "";
    }

    private static Severity ReadSeverity(YamlFile file, YamlMappingNode map, string where)
    {
        var node = YamlFile.Get(map, "severity");
        var text = file.String(node, "severity");
        if (text is null) return Severity.High;
        if (Enum.TryParse<Severity>(text, ignoreCase: true, out var severity) && !int.TryParse(text, out _)) return severity;
        file.Error(node!, $"{where}: severity must be critical, high, medium or low, not '{text}'");
        return Severity.High;
    }

    private static ChecksumKind ReadChecksum(YamlFile file, YamlMappingNode map, string where)
    {
        var node = YamlFile.Get(map, "checksum");
        var text = file.String(node, "checksum");
        switch (text)
        {
            case null: return ChecksumKind.None;
            case "crc32-base62": return ChecksumKind.Crc32Base62;
            case "basic-credentials": return ChecksumKind.BasicCredentials;
            default:
                file.Error(node!, $"{where}: unknown checksum '{text}' (known: crc32-base62, basic-credentials)");
                return ChecksumKind.None;
        }
    }

    private static Remediation ReadRemediation(YamlFile file, YamlNode? node, YamlMappingNode rule, string where)
    {
        var map = file.Map(node, $"{where}: remediation");
        if (map is null)
        {
            file.Error(rule, $"{where} needs remediation (summary, revoke steps, docs): it is what a blocked developer reads");
            return new Remediation("", [], "", null, null);
        }
        file.CheckKeys(map, $"{where}: remediation", RemediationKeys);
        var summary = file.String(YamlFile.Get(map, "summary"), "summary");
        var revoke = file.Strings(YamlFile.Get(map, "revoke"), "revoke");
        var docs = file.String(YamlFile.Get(map, "docs"), "docs");
        if (string.IsNullOrWhiteSpace(summary)) file.Error(map, $"{where}: remediation needs a summary");
        if (revoke.Count == 0) file.Error(map, $"{where}: remediation needs revoke steps");
        if (string.IsNullOrWhiteSpace(docs)) file.Error(map, $"{where}: remediation needs docs (the provider's page to revoke or rotate)");
        return new Remediation(summary ?? "", revoke, docs ?? "",
            file.String(YamlFile.Get(map, "audit"), "audit"), file.String(YamlFile.Get(map, "impact"), "impact"));
    }

    private static RuleExamples ReadExamples(YamlFile file, YamlNode? node)
    {
        var map = file.Map(node, "examples");
        if (map is null) return RuleExamples.None;
        file.CheckKeys(map, "examples", ExampleKeys);
        return new RuleExamples(file.Strings(YamlFile.Get(map, "match"), "examples.match"),
            file.Strings(YamlFile.Get(map, "noMatch"), "examples.noMatch"));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
