using System.Globalization;
using HookGuard.Rules;
using HookGuard.Yaml;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Config;

/// <summary>Reads .hookguard.yaml; collects every problem with file:line:column before giving up.</summary>
internal static class ConfigLoader
{
    public const string FileName = ".hookguard.yaml";

    /// <summary>The most custom rules a configuration may hold (see docs/DESIGN.md).</summary>
    public const int MaxCustomRules = 200;
    private static readonly string[] TopKeys = ["rules", "paths", "allowlist", "baseline", "maxFileSize", "generic"];
    private static readonly string[] GenericKeys = ["threshold"];
    private static readonly string[] RulesKeys = ["disable", "custom", "entropy", "paths"];
    private static readonly string[] PathsKeys = ["include", "exclude"];
    private static readonly string[] AllowlistKeys = ["reviewers", "fingerprints", "pathInFingerprint"];
    private static readonly string[] FingerprintKeys = ["fingerprint", "reason", "reviewed-by"];

    /// <summary>Parses config text; the built-in rules let it report a disable or override that names no rule.</summary>
    public static RepoConfig Parse(string displayName, string text, IReadOnlyList<Rule> builtIn, out List<ConfigError> errors)
    {
        var file = new YamlFile(displayName);
        errors = file.Errors;
        var root = file.Map(file.Load(text), "the configuration");
        if (root is null) return new RepoConfig { Source = displayName };
        file.CheckKeys(root, "the configuration", TopKeys);

        var rulesMap = file.Map(YamlFile.Get(root, "rules"), "rules");
        if (rulesMap is not null) file.CheckKeys(rulesMap, "rules", RulesKeys);
        var custom = new List<Rule>();
        var customNodes = file.Items(YamlFile.Get(rulesMap, "custom"), "rules.custom").ToList();
        if (customNodes.Count > MaxCustomRules)
            // Each custom pattern is compiled for the linear-time engine at every commit (milliseconds each).
            file.Error(YamlFile.Get(rulesMap, "custom")!, $"rules.custom holds {customNodes.Count} rules; at most {MaxCustomRules} are accepted " +
                "(each is compiled at every commit): merge rules that share a prefix into one pattern");
        else
            foreach (var node in customNodes)
                if (RuleReader.Read(file, node, null, compilePatterns: true, custom: true) is { } rule) custom.Add(rule);
        var known = builtIn.Select(r => r.Id).Concat(custom.Select(r => r.Id)).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in custom.Where(r => builtIn.Any(b => b.Id == r.Id)))
            file.Errors.Add(new ConfigError(displayName, 0, 0, $"custom rule id '{rule.Id}' is already a built-in rule ({rule.Origin}); choose another id"));
        RuleSet.CheckUniqueIds(custom, file.Errors);

        var disableNode = YamlFile.Get(rulesMap, "disable");
        var disabled = file.Strings(disableNode, "rules.disable");
        foreach (var id in disabled.Where(id => !known.Contains(id)))
            file.Error(disableNode!, $"rules.disable names unknown rule '{id}'" + Hint(id, known));

        var entropy = new Dictionary<string, double>(StringComparer.Ordinal);
        var entropyMap = file.Map(YamlFile.Get(rulesMap, "entropy"), "rules.entropy");
        foreach (var (key, value) in Entries(entropyMap))
        {
            var id = ((YamlScalarNode)key).Value ?? "";
            if (!known.Contains(id)) file.Error(key, $"rules.entropy names unknown rule '{id}'" + Hint(id, known));
            else if (file.Number(value, $"rules.entropy.{id}", 0, 8) is { } e) entropy[id] = e;
        }

        var rulePaths = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rulePathsMap = file.Map(YamlFile.Get(rulesMap, "paths"), "rules.paths");
        foreach (var (key, value) in Entries(rulePathsMap))
        {
            var id = ((YamlScalarNode)key).Value ?? "";
            if (!known.Contains(id)) file.Error(key, $"rules.paths names unknown rule '{id}'" + Hint(id, known));
            else rulePaths[id] = CheckGlobs(file, value, $"rules.paths.{id}");
        }

        var pathsMap = file.Map(YamlFile.Get(root, "paths"), "paths");
        if (pathsMap is not null) file.CheckKeys(pathsMap, "paths", PathsKeys);
        var include = CheckGlobs(file, YamlFile.Get(pathsMap, "include"), "paths.include");
        var exclude = CheckGlobs(file, YamlFile.Get(pathsMap, "exclude"), "paths.exclude");

        var allowMap = file.Map(YamlFile.Get(root, "allowlist"), "allowlist");
        if (allowMap is not null) file.CheckKeys(allowMap, "allowlist", AllowlistKeys);
        var reviewers = file.Strings(YamlFile.Get(allowMap, "reviewers"), "allowlist.reviewers");
        var pathInFingerprint = ReadBool(file, YamlFile.Get(allowMap, "pathInFingerprint"), "allowlist.pathInFingerprint");
        var fingerprints = new List<FingerprintAllow>();
        foreach (var node in file.Items(YamlFile.Get(allowMap, "fingerprints"), "allowlist.fingerprints"))
            if (ReadFingerprint(file, node, reviewers) is { } allow) fingerprints.Add(allow);

        var baselineNode = YamlFile.Get(root, "baseline");
        var baseline = file.String(baselineNode, "baseline");
        if (baseline is not null && BaselinePathProblem(baseline) is { } baselineProblem)
        {
            file.Error(baselineNode!, $"baseline: '{baseline}' {baselineProblem}");
            baseline = null;
        }
        var maxFileSize = ReadSize(file, YamlFile.Get(root, "maxFileSize"));
        var genericMap = file.Map(YamlFile.Get(root, "generic"), "generic");
        if (genericMap is not null) file.CheckKeys(genericMap, "generic", GenericKeys);
        var genericThreshold = file.Number(YamlFile.Get(genericMap, "threshold"), "generic.threshold", 0, 1);

        return new RepoConfig
        {
            Source = displayName,
            DisabledRules = disabled,
            CustomRules = custom,
            EntropyOverrides = entropy,
            RulePaths = rulePaths,
            Paths = new PathFilter(include, exclude),
            Reviewers = reviewers,
            Fingerprints = fingerprints,
            PathInFingerprint = pathInFingerprint,
            Globs = [.. include.Select(g => ("paths.include", g)), .. exclude.Select(g => ("paths.exclude", g)),
                .. rulePaths.SelectMany(kv => kv.Value.Select(g => ($"rules.paths.{kv.Key}", g)))],
            BaselinePath = baseline,
            MaxFileSize = maxFileSize,
            GenericThreshold = genericThreshold,
        };
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? map) =>
        map?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private static string Hint(string id, IEnumerable<string> known) =>
        Suggestions.Closest(id, known) is { } close ? $"; did you mean '{close}'?" : "";

    private static FingerprintAllow? ReadFingerprint(YamlFile file, YamlNode node, List<string> reviewers)
    {
        var map = file.Map(node, "an allowlist.fingerprints entry");
        if (map is null) return null;
        file.CheckKeys(map, "an allowlist.fingerprints entry", FingerprintKeys);
        var fingerprint = file.String(YamlFile.Get(map, "fingerprint"), "fingerprint");
        var reason = file.String(YamlFile.Get(map, "reason"), "reason");
        var reviewer = file.String(YamlFile.Get(map, "reviewed-by"), "reviewed-by");
        if (fingerprint is null || fingerprint.Length != 64 || !fingerprint.All(Uri.IsHexDigit))
        {
            file.Error(map, "an allowlist.fingerprints entry needs 'fingerprint': the 64 hex digits a report shows (never the secret itself)");
            return null;
        }
        if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(reviewer))
        {
            file.Error(map, $"allowlist fingerprint {fingerprint[..12]}… needs both 'reason' and 'reviewed-by'");
            return null;
        }
        if (reviewers.Count > 0 && !reviewers.Contains(reviewer))
        {
            file.Error(YamlFile.Get(map, "reviewed-by")!, $"reviewed-by '{reviewer}' is not in allowlist.reviewers");
            return null;
        }
        return new FingerprintAllow(fingerprint.ToLowerInvariant(), reason, reviewer);
    }

    /// <summary>Globs are patterns for Microsoft.Extensions.FileSystemGlobbing, relative to the repository root.</summary>
    private static List<string> CheckGlobs(YamlFile file, YamlNode? node, string what)
    {
        var globs = file.Strings(node, what);
        foreach (var glob in globs)
        {
            if (glob.StartsWith('/') || (glob.Length > 1 && glob[1] == ':'))
                file.Error(node!, $"{what}: '{glob}' is absolute and can never match a repository-relative path");
            else if (glob.Contains('\\'))
                file.Error(node!, $"{what}: '{glob}' uses '\\'; paths are matched with '/' separators");
            else if (glob.StartsWith("./", StringComparison.Ordinal))
                file.Error(node!, $"{what}: '{glob}' starts with './'; write it relative to the repository root without it");
        }
        return globs;
    }

    /// <summary>
    /// The baseline is read as committed, like this file, so it must be a file of the repository:
    /// relative, inside it, and not under .git (which is no part of any commit).
    /// </summary>
    private static string? BaselinePathProblem(string path)
    {
        if (path.Length == 0) return "is empty";
        if (path.Any(c => char.IsControl(c))) return "holds a control character";
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
            return "is absolute; name a file inside the repository, relative to its root";
        if (path.Contains('\\')) return "uses '\\'; write paths with '/' separators";
        var segments = path.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
            return "must be a plain path inside the repository (no '..', '.', or empty parts)";
        if (segments[0].Equals(".git", StringComparison.OrdinalIgnoreCase)) return "is under .git, which no commit holds; keep the baseline in the repository";
        return null;
    }

    private static bool ReadBool(YamlFile file, YamlNode? node, string what)
    {
        var text = file.String(node, what);
        if (text is null or "false") return false;
        if (text == "true") return true;
        file.Error(node!, $"{what} must be true or false, not '{text}'");
        return false;
    }

    private static long? ReadSize(YamlFile file, YamlNode? node)
    {
        var text = file.String(node, "maxFileSize")?.Trim();
        if (text is null) return null;
        var units = new (string Suffix, long Factor)[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
                return (long)(n * factor);
            break;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0) return bytes;
        file.Error(node!, $"maxFileSize must be a size such as 1MB, 512KB or 1048576, not '{text}'");
        return null;
    }
}
