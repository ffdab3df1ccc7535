namespace HookGuard.Matching;

internal static class Entropy
{
    /// <summary>Shannon entropy in bits per character; random base62 approaches 5.95, hex 4.0.</summary>
    public static double Shannon(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        Span<int> ascii = stackalloc int[128];
        ascii.Clear();
        Dictionary<char, int>? other = null;
        foreach (var c in text)
        {
            if (c < 128) ascii[c]++;
            else
            {
                other ??= [];
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }
        double length = text.Length, bits = 0;
        foreach (var n in ascii)
            if (n > 0) bits -= n / length * Math.Log2(n / length);
        if (other is not null)
            foreach (var n in other.Values) bits -= n / length * Math.Log2(n / length);
        return bits;
    }
}
