using System.Runtime.InteropServices;

namespace HookGuard.Sources.Staged;

/// <summary>One version's lines: where each starts and ends (ending included) in the blob.</summary>
internal sealed class TextLines
{
    private readonly byte[] _content;
    private readonly int[] _starts; // line i is [_starts[i], _starts[i + 1])

    /// <param name="count">The text's <see cref="CountLines"/> (its caller counts first, to refuse a file of too many).</param>
    public TextLines(byte[] content, int count)
    {
        _content = content;
        _starts = new int[count + 1];
        var span = content.AsSpan();
        var line = 0;
        for (var at = 0; at < span.Length;)
        {
            var newline = span[at..].IndexOf((byte)'\n');
            at = newline < 0 ? span.Length : at + newline + 1;
            _starts[++line] = at;
        }
    }

    /// <summary>How many lines a text has: a last line without a newline counts.</summary>
    public static int CountLines(ReadOnlySpan<byte> text) => text.Count((byte)'\n') + (text.Length > 0 && text[^1] != (byte)'\n' ? 1 : 0);

    public int Count => _starts.Length - 1;

    public int ContentLength => _content.Length;

    /// <summary>Line i with its ending.</summary>
    public ReadOnlySpan<byte> WithEnding(int i) => _content.AsSpan(_starts[i], _starts[i + 1] - _starts[i]);

    /// <summary>Line i as a patch shows it: without its newline.</summary>
    public ReadOnlySpan<byte> Text(int i)
    {
        var line = WithEnding(i);
        return line.Length > 0 && line[^1] == (byte)'\n' ? line[..^1] : line;
    }

    /// <summary>The equivalence class of each line in [from, to), numbered across both versions through the shared table.</summary>
    public int[] Classes(Dictionary<LineKey, int> table, int from, int to)
    {
        var classes = new int[to - from];
        for (var i = from; i < to; i++)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(table, new LineKey(_content, _starts[i], _starts[i + 1] - _starts[i]), out var exists);
            if (!exists) id = table.Count - 1;
            classes[i - from] = id;
        }
        return classes;
    }
}

/// <summary>A line's bytes in its blob, compared by content.</summary>
internal readonly record struct LineKey(byte[] Content, int Start, int Length)
{
    public ReadOnlySpan<byte> Bytes => Content.AsSpan(Start, Length);

    public static IEqualityComparer<LineKey> Comparer { get; } = new ContentComparer();

    private sealed class ContentComparer : IEqualityComparer<LineKey>
    {
        public bool Equals(LineKey x, LineKey y) => x.Bytes.SequenceEqual(y.Bytes);

        public int GetHashCode(LineKey key)
        {
            var hash = new HashCode();
            hash.AddBytes(key.Bytes);
            return hash.ToHashCode();
        }
    }
}
