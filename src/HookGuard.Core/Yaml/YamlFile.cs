using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Yaml;

/// <summary>
/// A YAML document read through YamlDotNet's node model (no reflection, so NativeAOT-safe), with the
/// typed accessors the loaders need. Every problem is collected with its file:line:column.
/// </summary>
internal sealed class YamlFile
{
    public YamlFile(string displayName) => DisplayName = displayName;

    public string DisplayName { get; }
    public List<ConfigError> Errors { get; } = [];

    public YamlNode? Load(string text)
    {
        if (YamlBounds.Check(DisplayName, text) is { } tooCostly)
        {
            Errors.Add(tooCostly);
            return null;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            Errors.Add(new ConfigError(DisplayName, (int)e.Start.Line, (int)e.Start.Column, "YAML syntax: " + FirstLine(message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way (no position) on some malformed flow collections.
            var mark = LastParsedMark(text);
            Errors.Add(new ConfigError(DisplayName, (int)mark.Line, (int)mark.Column,
                "YAML syntax: cannot parse what follows here (an unclosed [ or {, or a stray ':'?)"));
            return null;
        }
    }

    private static Mark LastParsedMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = new Mark(0, 1, 1);
        try
        {
            while (parser.MoveNext()) last = parser.Current!.End;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // the mark of the last event that parsed is the best position there is
        }
        return last;
    }

    public void Error(YamlNode node, string message) =>
        Errors.Add(new ConfigError(DisplayName, (int)node.Start.Line, (int)node.Start.Column, message));

    public YamlMappingNode? Map(YamlNode? node, string what)
    {
        if (node is null || IsNull(node)) return null;
        if (node is YamlMappingNode map) return map;
        Error(node, $"{what} must be a mapping (key: value)");
        return null;
    }

    /// <summary>Reports keys this mapping may not hold, suggesting the closest known one.</summary>
    public void CheckKeys(YamlMappingNode map, string where, params string[] known)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (known.Contains(name, StringComparer.Ordinal)) continue;
            var hint = Suggestions.Closest(name, known);
            Error(key, $"unknown key '{name}' in {where}" + (hint is null ? $" (known: {string.Join(", ", known)})" : $"; did you mean '{hint}'?"));
        }
    }

    public static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null) return null;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    public string? String(YamlNode? node, string what)
    {
        if (node is null || IsNull(node)) return null;
        if (node is YamlScalarNode s) return s.Value;
        Error(node, $"{what} must be a single value");
        return null;
    }

    public double? Number(YamlNode? node, string what, double min, double max)
    {
        var text = String(node, what);
        if (text is null) return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
            return value;
        Error(node!, $"{what} must be a number from {min} to {max}, not '{text}'");
        return null;
    }

    public List<string> Strings(YamlNode? node, string what)
    {
        if (node is null || IsNull(node)) return [];
        if (node is YamlScalarNode single) return single.Value is null ? [] : [single.Value];
        if (node is not YamlSequenceNode list)
        {
            Error(node, $"{what} must be a list");
            return [];
        }
        var result = new List<string>();
        foreach (var item in list)
        {
            if (item is YamlScalarNode { Value: { } value }) result.Add(value);
            else Error(item, $"each item of {what} must be a single value");
        }
        return result;
    }

    public IEnumerable<YamlNode> Items(YamlNode? node, string what)
    {
        if (node is null || IsNull(node)) return [];
        if (node is YamlSequenceNode list) return list.Children;
        Error(node, $"{what} must be a list");
        return [];
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain };

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return end < 0 ? text : text[..end];
    }
}
