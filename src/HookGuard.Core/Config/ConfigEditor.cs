using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Config;

/// <summary>Edits .hookguard.yaml as text, so that its comments and layout stay as the team wrote them.</summary>
internal static class ConfigEditor
{
    public static string AddFingerprint(string yaml, FingerprintAllow allow)
    {
        if (allow.Fingerprint.Length != 64 || !allow.Fingerprint.All(Uri.IsHexDigit))
            throw new ArgumentException($"'{allow.Fingerprint}' is not a fingerprint: 64 hex digits, as reports show them");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        if (stream.Documents.Count > 0 && root is null)
            throw new ArgumentException("the configuration is not a mapping; fix it first (hookguard config validate)");
        var allowlist = Child(root, "allowlist");
        var fingerprints = Child(allowlist as YamlMappingNode, "fingerprints");
        if (fingerprints is YamlSequenceNode existing && existing.Children.OfType<YamlMappingNode>()
                .Any(e => (Child(e, "fingerprint") as YamlScalarNode)?.Value?.ToLowerInvariant() == allow.Fingerprint))
            throw new ArgumentException($"fingerprint {allow.Fingerprint[..12]}… is already allowed");
        if (allowlist is not null and not YamlMappingNode || fingerprints is not null and not YamlSequenceNode
            || (allowlist as YamlMappingNode)?.Style == MappingStyle.Flow || (fingerprints as YamlSequenceNode)?.Style == SequenceStyle.Flow)
            throw new ArgumentException("allowlist or allowlist.fingerprints is written inline ({...} or [...]); add the entry by hand");

        if (fingerprints is YamlSequenceNode list)
            return InsertAfterBlock(yaml, list.Start, isSequence: true, Entry(allow, indent: (int)list.Start.Column - 1));
        if (allowlist is YamlMappingNode map)
        {
            var indent = (int)map.Start.Column - 1;
            return InsertAfterBlock(yaml, map.Start, isSequence: false, new string(' ', indent) + "fingerprints:\n" + Entry(allow, indent + 2));
        }
        return (yaml.Length == 0 || yaml.EndsWith('\n') ? yaml : yaml + "\n") + "allowlist:\n  fingerprints:\n" + Entry(allow, 4);
    }

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map?.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == key).Value;

    private static string Entry(FingerprintAllow allow, int indent)
    {
        var pad = new string(' ', indent);
        return $"{pad}- fingerprint: {allow.Fingerprint}\n{pad}  reason: {Quote(allow.Reason)}\n{pad}  reviewed-by: {Quote(allow.Reviewer)}\n";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Inserts after the last line of the block collection that starts at the mark: the lines that follow
    /// it indented at least as deep (for a sequence at the same depth, only its `- ` items). Comments and
    /// blank lines after it stay where they are.
    /// </summary>
    private static string InsertAfterBlock(string yaml, Mark start, bool isSequence, string text)
    {
        var lines = yaml.Split('\n').ToList();
        var column = (int)start.Column - 1;
        var last = (int)start.Line - 1;
        for (var i = last + 1; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content.StartsWith('#')) continue;
            var indent = line.Length - content.Length;
            var inside = indent > column || (indent == column && (!isSequence || content.StartsWith('-')));
            if (!inside) break;
            last = i;
        }
        lines.Insert(last + 1, text.TrimEnd('\n'));
        return string.Join('\n', lines);
    }
}
