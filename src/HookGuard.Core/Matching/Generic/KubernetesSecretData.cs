using System.Buffers;
using System.Buffers.Text;
using System.Text;
using HookGuard.Findings;

namespace HookGuard.Matching.Generic;

/// <summary>
/// The values of a Kubernetes Secret's `data:` (base64) and `stringData:` (plain) maps, whose keys often
/// name no secret (`data:\n  api: dG9r...`): inside a YAML document with `kind: Secret`, each value an
/// added line gives is decoded (bounded) and judged as if assigned to a secret of its key's name
/// (`api_secret: "tok..."`): the generic scorer and every provider rule see the decoded text, and a
/// finding points at the value as written. `kind:` may come after `data:` (kubectl's output is sorted),
/// so values seen before it wait, at most <see cref="MaxPending"/> of them, until the document says what
/// it is; past that bound a value is judged at once as a Secret's, never dropped unjudged. Only YAML
/// files are followed (a few byte tests a line); other files cost one reference test.
/// </summary>
internal sealed class KubernetesSecretData
{
    private const int MaxPending = 256, MaxEncoded = 4096, MinValue = 6, MaxKey = 64;

    private string? _file;
    private bool _yaml;
    private Kind _kind;
    private Block _block;
    private readonly List<Pending> _pending = [];

    private enum Kind { Unknown, Secret, Other }
    private enum Block { None, Data, StringData }
    private readonly record struct Pending(LineRef Line, string Text, int Start, int Length, string Key, bool Base64);

    /// <summary>
    /// Follows one line of the file (added or context). A data value on an added line of a Secret is
    /// judged now, its matches added to <paramref name="matches"/> (the line's own); one whose document's
    /// kind is not known yet waits, and is reported into <paramref name="findings"/> once it is.
    /// </summary>
    public void Line(in LineRef line, ReadOnlySpan<byte> content, bool judge, Matcher matcher, List<SecretMatch> matches, List<Finding> findings)
    {
        if (!ReferenceEquals(line.Path, _file))
        {
            _file = line.Path;
            _yaml = line.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || line.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            Reset();
        }
        if (!_yaml || content.IsEmpty) return;
        if (content[0] is not ((byte)' ' or (byte)'\t' or (byte)'#'))
        {
            TopLevel(content, matcher, findings);
            return;
        }
        if (_block == Block.None || !judge || _kind == Kind.Other) return;
        if (Entry(content) is not { } entry) return;
        var text = Encoding.UTF8.GetString(content);
        var key = text.Substring(entry.KeyStart, entry.KeyLength);
        if (_kind == Kind.Secret || _pending.Count >= MaxPending)
            Judge(text, entry.ValueStart, entry.ValueLength, key, _block == Block.Data, matcher, matches);
        else
            _pending.Add(new Pending(line, text, entry.ValueStart, entry.ValueLength, key, _block == Block.Data));
    }

    private void Reset()
    {
        _kind = Kind.Unknown;
        _block = Block.None;
        _pending.Clear();
    }

    /// <summary>A line at column 0: a document separator, `kind:`, `data:`/`stringData:` or another key.</summary>
    private void TopLevel(ReadOnlySpan<byte> content, Matcher matcher, List<Finding> findings)
    {
        var line = content.TrimEnd(" \t"u8);
        if (line.StartsWith("---"u8))
        {
            Reset();
            return;
        }
        if (line.StartsWith("kind:"u8))
        {
            var kind = line[5..].Trim(" \t\"'"u8);
            _kind = kind.SequenceEqual("Secret"u8) ? Kind.Secret : Kind.Other;
            _block = Block.None;
            if (_kind == Kind.Secret && _pending.Count > 0) matcher.EnterFile(_file!);
            if (_kind == Kind.Secret)
                foreach (var p in _pending)
                {
                    var found = new List<SecretMatch>();
                    Judge(p.Text, p.Start, p.Length, p.Key, p.Base64, matcher, found);
                    foreach (var match in found)
                    {
                        var finding = MatchedFinding.From(match, p.Line.Path, p.Line.Number, p.Text, null, p.Line.Commit);
                        finding.MaskSpans = [(match.Start, match.Length)];
                        findings.Add(finding);
                    }
                }
            _pending.Clear();
            return;
        }
        _block = line.SequenceEqual("data:"u8) ? Block.Data : line.SequenceEqual("stringData:"u8) ? Block.StringData : Block.None;
    }

    /// <summary>`  key: value` (the value optionally quoted): where the key and the value are, in chars of the line.</summary>
    private static (int KeyStart, int KeyLength, int ValueStart, int ValueLength)? Entry(ReadOnlySpan<byte> content)
    {
        // ASCII only up to the value's end, so byte offsets are char offsets.
        var start = content.IndexOfAnyExcept(" \t"u8);
        if (start < 0 || content[start] == (byte)'#') return null;
        var colon = content[start..].IndexOf(": "u8);
        if (colon <= 0 || colon > MaxKey) return null;
        var key = content.Slice(start, colon);
        if (key.ContainsAnyExcept(KeyBytes)) return null;
        var valueStart = start + colon + 2;
        while (valueStart < content.Length && content[valueStart] == (byte)' ') valueStart++;
        var valueEnd = content.Length;
        while (valueEnd > valueStart && content[valueEnd - 1] is (byte)' ' or (byte)'\t') valueEnd--;
        if (valueEnd - valueStart >= 2 && content[valueStart] is (byte)'"' or (byte)'\'' && content[valueEnd - 1] == content[valueStart])
        {
            valueStart++;
            valueEnd--;
        }
        var value = content[valueStart..valueEnd];
        if (value.Length < MinValue || value.Length > MaxEncoded || value.ContainsAnyExcept(ValueBytes)) return null;
        return (start, colon, valueStart, value.Length);
    }

    private static readonly SearchValues<byte> KeyBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"u8);
    // Printable ASCII but for a comment's start: a base64 value, or a plain one of stringData.
    private static readonly SearchValues<byte> ValueBytes = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.:@!$%^&*()[]{}~,;?|<>"u8);

    /// <summary>The value decoded (data) or as is (stringData), matched as `key_secret: "value"`; matches point at the value on the line.</summary>
    private static void Judge(string text, int start, int length, string key, bool base64, Matcher matcher, List<SecretMatch> matches)
    {
        var value = text.AsSpan(start, length);
        var decoded = base64 ? Decode(value) : value.ToString();
        if (decoded is null) return;
        var found = new List<SecretMatch>();
        matcher.Scan(Assignment(key, decoded), found);
        foreach (var inner in found)
        {
            if (Overlaps(matches, start, length)) return;
            var what = base64 ? "base64 value of a Kubernetes Secret's data" : "value of a Kubernetes Secret's stringData";
            matches.Add(inner with
            {
                Start = start, Length = length, Secret = text.Substring(start, length),
                Why = $"{what} ({key}) that decodes to a {inner.Rule.Name}" + (inner.Why is { } w ? $"; {w}" : ""),
            });
            return;
        }
    }

    /// <summary>`key_secret: "value"`, quoted so the quote never ends the value early (a password may hold either quote).</summary>
    private static string Assignment(string key, string value)
    {
        var name = key.Replace('.', '_') + "_secret";
        return !value.Contains('"') ? $"{name}: \"{value}\"" : !value.Contains('\'') ? $"{name}: '{value}'" : $"{name}: {value}";
    }

    private static bool Overlaps(List<SecretMatch> matches, int start, int length)
    {
        foreach (var m in matches)
            if (m.Start < start + length && start < m.Start + m.Length) return true;
        return false;
    }

    /// <summary>Base64 of printable one-line text, or null.</summary>
    private static string? Decode(ReadOnlySpan<char> value)
    {
        if (value.Length % 4 != 0) return null;
        var bytes = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] > 127) return null;
                bytes[i] = (byte)value[i];
            }
            var decoded = bytes.AsSpan(0, value.Length);
            if (Base64.DecodeFromUtf8InPlace(decoded, out var written) != OperationStatus.Done || written < 4) return null;
            decoded = decoded[..written];
            // A trailing newline (echo without -n) is not part of the secret.
            while (decoded.Length > 0 && decoded[^1] is (byte)'\n' or (byte)'\r') decoded = decoded[..^1];
            foreach (var b in decoded)
                if (b is < 0x20 or > 0x7e) return null;
            return Encoding.ASCII.GetString(decoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
