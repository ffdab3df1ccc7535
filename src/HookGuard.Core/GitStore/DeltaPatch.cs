namespace HookGuard.GitStore;

/// <summary>
/// Applies a pack delta (git's pack-format documentation, "Deltified representation"): the base's and
/// the result's sizes, then instructions that copy a range of the base or insert literal bytes.
/// </summary>
internal static class DeltaPatch
{
    /// <summary>The object rebuilt from its base; null when the delta does not fit the base (a damaged pack: git decides).</summary>
    public static byte[]? Apply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta)
    {
        var at = 0;
        if (!TryReadSize(delta, ref at, out var sourceSize) || sourceSize != source.Length) return null;
        if (!TryReadSize(delta, ref at, out var resultSize) || resultSize > InflatedObject.MaxBytes) return null;
        var result = new byte[resultSize];
        var written = 0;
        while (at < delta.Length)
        {
            var op = delta[at++];
            if ((op & 0x80) != 0)
            {
                long offset = 0, size = 0;
                for (var bit = 0; bit < 4; bit++)
                    if ((op & (1 << bit)) != 0)
                    {
                        if (at >= delta.Length) return null;
                        offset |= (long)delta[at++] << (8 * bit);
                    }
                for (var bit = 0; bit < 3; bit++)
                    if ((op & (0x10 << bit)) != 0)
                    {
                        if (at >= delta.Length) return null;
                        size |= (long)delta[at++] << (8 * bit);
                    }
                if (size == 0) size = 0x10000;
                if (offset + size > source.Length || written + size > result.Length) return null;
                source.Slice((int)offset, (int)size).CopyTo(result.AsSpan(written));
                written += (int)size;
            }
            else if (op != 0)
            {
                if (at + op > delta.Length || written + op > result.Length) return null;
                delta.Slice(at, op).CopyTo(result.AsSpan(written));
                at += op;
                written += op;
            }
            else return null; // reserved
        }
        return written == result.Length ? result : null;
    }

    /// <summary>Little-endian base-128 size.</summary>
    private static bool TryReadSize(ReadOnlySpan<byte> data, ref int at, out long size)
    {
        size = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (at >= data.Length) return false;
            var b = data[at++];
            size |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
