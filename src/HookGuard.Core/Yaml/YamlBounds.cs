using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HookGuard.Yaml;

/// <summary>
/// What a YAML document may cost before it is turned into nodes: YamlDotNet's node model recurses once
/// per nesting level (a 100k-deep flow list overflows the stack) and hashes a complex key through its
/// aliases (an alias bomb as a key costs exponential time). One pass over the parser's events, which
/// keeps its own stack, settles both in linear time.
/// </summary>
internal static class YamlBounds
{
    /// <summary>Deeper than any configuration or rule file needs (they nest five levels at most).</summary>
    public const int MaxDepth = 64;

    /// <summary>Scalars and collections once every alias is expanded: a thousand times a large configuration.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Null when the document is within bounds, else the first problem with its position.</summary>
    public static ConfigError? Check(string displayName, string text)
    {
        var parser = new Parser(new StringReader(text));
        // Per open collection: nodes so far (aliases expanded), its anchor, whether it is a mapping and
        // whether the next node in it is a key.
        var open = new Stack<(long Nodes, string? Anchor, bool Mapping, bool NextIsKey)>();
        var anchored = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                            return Error(displayName, current.Start, $"YAML nested more than {MaxDepth} levels deep; a configuration needs a few");
                        if (open.Count > 0 && open.Peek() is { Mapping: true, NextIsKey: true })
                            return Error(displayName, current.Start, "a list or mapping as a mapping key is not accepted here; keys are names");
                        NoteKeyOrValue(open);
                        open.Push((1, ((NodeEvent)current).Anchor.IsEmpty ? null : ((NodeEvent)current).Anchor.Value, current is MappingStart, true));
                        break;
                    case MappingEnd or SequenceEnd:
                        var closed = open.Pop();
                        if (closed.Anchor is not null) anchored[closed.Anchor] = closed.Nodes;
                        if (open.Count > 0) AddNodes(open, closed.Nodes);
                        break;
                    case Scalar scalar:
                        NoteKeyOrValue(open);
                        if (!scalar.Anchor.IsEmpty) anchored[scalar.Anchor.Value] = 1;
                        if (open.Count > 0) AddNodes(open, 1);
                        total++;
                        break;
                    case AnchorAlias alias:
                        if (open.Count > 0 && open.Peek() is { Mapping: true, NextIsKey: true })
                            return Error(displayName, current.Start, $"an alias (*{alias.Value}) as a mapping key is not accepted here; write the key out");
                        NoteKeyOrValue(open);
                        var size = anchored.GetValueOrDefault(alias.Value.Value, 1);
                        if (open.Count > 0) AddNodes(open, size);
                        total += size;
                        break;
                }
                if (total > MaxExpandedNodes || (open.Count > 0 && open.Peek().Nodes > MaxExpandedNodes))
                    return Error(displayName, current.Start,
                        $"YAML aliases expand to more than {MaxExpandedNodes:N0} nodes (an alias bomb?); write the values out or use fewer aliases");
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // A syntax error: the node model's load reports it with its position.
        }
        return null;
    }

    /// <summary>In a mapping, nodes alternate key and value.</summary>
    private static void NoteKeyOrValue(Stack<(long Nodes, string? Anchor, bool Mapping, bool NextIsKey)> open)
    {
        if (open.Count == 0) return;
        var top = open.Pop();
        open.Push(top with { NextIsKey = top.Mapping && !top.NextIsKey });
    }

    private static void AddNodes(Stack<(long Nodes, string? Anchor, bool Mapping, bool NextIsKey)> open, long nodes)
    {
        var top = open.Pop();
        open.Push(top with { Nodes = Math.Min(top.Nodes + nodes, MaxExpandedNodes + 1) });
    }

    private static ConfigError Error(string displayName, Mark mark, string message) =>
        new(displayName, (int)mark.Line, (int)mark.Column, message);
}
