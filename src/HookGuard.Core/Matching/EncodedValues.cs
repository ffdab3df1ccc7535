using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace HookGuard.Matching;

/// <summary>
/// Secrets written encoded: base64 values (a Kubernetes Secret's `data:`, a Basic credential) and
/// percent-encoded text (a token in a URL's query). Only lines that already passed the keyword
/// prefilter are looked at; each encoded value is decoded (bounded in size and count, one level deep
/// inside another decoding) and the decoded text is matched by every rule. A finding there points at
/// the encoded value on the line, and says what it was encoded as.
/// </summary>
internal static class EncodedValues
{
    private const int MinBase64 = 16, MaxEncoded = 4096, MaxValuesPerLine = 8;

    // IsBase64 answers the same for one character (a spec compares them over every char).
    internal static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_");

    /// <summary>Whether the line may hold an encoded value at all: the cheap test before any decoding.</summary>
    public static bool MayHold(ReadOnlySpan<char> text) => HasPercentEscape(text) || HasBase64Run(text);

    private static bool HasPercentEscape(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('%'); i >= 0 && i + 2 < text.Length; i = text[(i + 1)..].IndexOf('%') is var next and >= 0 ? i + 1 + next : -1)
            if (char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2])) return true;
        return false;
    }

    /// <summary>Decodes the line's encoded values and adds what <paramref name="scan"/> finds in them, mapped back to the line.</summary>
    public static void Find(ReadOnlySpan<char> text, Func<string, List<SecretMatch>> scan, List<SecretMatch> results)
    {
        var values = 0;
        for (var i = 0; i < text.Length && values < MaxValuesPerLine;)
        {
            var (run, length) = NextRun(text, i);
            if (length == 0) break;
            if (length >= MinBase64 && length <= MaxEncoded && DecodeBase64(text.Slice(run, length)) is { } decoded)
            {
                values++;
                AddFrom(scan(decoded), text, run, length, "base64", results);
            }
            i = run + length;
        }
        if (HasPercentEscape(text) && DecodePercent(text) is { } unescaped)
            foreach (var inner in scan(unescaped.Text))
            {
                var start = unescaped.Map[inner.Start];
                var stop = unescaped.Map[inner.Start + inner.Length];
                Add(inner, text, start, stop - start, "percent-encoded", results);
            }
    }

    private static void AddFrom(List<SecretMatch> found, ReadOnlySpan<char> text, int start, int length, string encoding, List<SecretMatch> results)
    {
        foreach (var inner in found) Add(inner, text, start, length, encoding, results);
    }

    private static void Add(SecretMatch inner, ReadOnlySpan<char> text, int start, int length, string encoding, List<SecretMatch> results)
    {
        foreach (var r in results)
            if (r.Start < start + length && start < r.Start + r.Length && !(r.Rule.Generic && !inner.Rule.Generic)) return;
        for (var i = results.Count - 1; i >= 0; i--)
            if (results[i].Start < start + length && start < results[i].Start + results[i].Length) results.RemoveAt(i);
        var why = $"{encoding} value that decodes to a {inner.Rule.Name}" + (inner.Why is { } w ? $"; {w}" : "");
        results.Add(inner with { Start = start, Length = length, Secret = text.Slice(start, length).ToString(), Why = why });
    }

    /// <summary>
    /// Whether the line holds a run of at least <see cref="MinBase64"/> base64 characters. Every line that
    /// holds a keyword is asked, and most are words and punctuation: a run that long covers one of the
    /// positions MinBase64 - 1, 2 * MinBase64 - 1, ..., so only those are probed and the run around a
    /// probed base64 character measured.
    /// </summary>
    internal static bool HasBase64Run(ReadOnlySpan<char> text)
    {
        var probe = MinBase64 - 1;
        while (probe < text.Length)
        {
            if (!IsBase64(text[probe]))
            {
                probe += MinBase64;
                continue;
            }
            var start = probe;
            while (start > 0 && IsBase64(text[start - 1])) start--;
            var end = probe + 1;
            while (end < text.Length && IsBase64(text[end])) end++;
            if (end - start >= MinBase64) return true;
            // text[end] is not base64: a long enough run after it covers end + MinBase64.
            probe = end + MinBase64;
        }
        return false;
    }

    internal static bool IsBase64(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';

    /// <summary>
    /// The next run of base64 characters at or after <paramref name="from"/>: its start and length, 0 when none.
    /// Vectorized searches, not a test per character: every line that holds a keyword is looked at.
    /// </summary>
    private static (int Start, int Length) NextRun(ReadOnlySpan<char> text, int from)
    {
        var start = text[from..].IndexOfAny(Base64Chars);
        if (start < 0) return (text.Length, 0);
        start += from;
        var length = text[start..].IndexOfAnyExcept(Base64Chars);
        return (start, length < 0 ? text.Length - start : length);
    }

    /// <summary>Standard or URL-safe base64 of printable UTF-8 text, or null.</summary>
    private static string? DecodeBase64(ReadOnlySpan<char> value)
    {
        var trimmed = value.TrimEnd('=');
        var padded = (trimmed.Length + 3) / 4 * 4;
        if (trimmed.Length % 4 == 1) return null;
        var bytes = ArrayPool<byte>.Shared.Rent(padded);
        try
        {
            for (var i = 0; i < padded; i++)
                bytes[i] = i < trimmed.Length ? (byte)(trimmed[i] switch { '-' => '+', '_' => '/', var c => c }) : (byte)'=';
            var decoded = bytes.AsSpan(0, padded);
            if (Base64.DecodeFromUtf8InPlace(decoded, out var written) != OperationStatus.Done || written < 8) return null;
            decoded = decoded[..written];
            foreach (var b in decoded)
                if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' || b == 0x7f) return null;
            var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(decoded);
            return text.Contains('\uFFFD') ? null : text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The line with %XX escapes decoded (as UTF-8), and for each decoded char where it came from.</summary>
    private static (string Text, int[] Map)? DecodePercent(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length);
        var origins = new List<int>(text.Length);
        Span<byte> encoded = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                var b = (byte)(Convert.FromHexString(text.Slice(i + 1, 2))[0]);
                if (b < 0x20 || b == 0x7f) return null;
                bytes.Add(b);
                origins.Add(i);
                i += 2;
                continue;
            }
            var n = Encoding.UTF8.GetBytes(text.Slice(i, 1), encoded);
            for (var k = 0; k < n; k++)
            {
                bytes.Add(encoded[k]);
                origins.Add(i);
            }
        }
        var decoded = Encoding.UTF8.GetString([.. bytes]);
        // Map each decoded char back to where its bytes began; one past the end maps to the line's end.
        var map = new int[decoded.Length + 1];
        var byteIndex = 0;
        for (var j = 0; j < decoded.Length; j++)
        {
            map[j] = byteIndex < origins.Count ? origins[byteIndex] : text.Length;
            byteIndex += Encoding.UTF8.GetByteCount(decoded.AsSpan(j, char.IsHighSurrogate(decoded[j]) && j + 1 < decoded.Length ? 2 : 1));
            if (char.IsHighSurrogate(decoded[j]) && j + 1 < decoded.Length) map[++j] = map[j - 1];
        }
        map[decoded.Length] = text.Length;
        return (decoded, map);
    }
}
