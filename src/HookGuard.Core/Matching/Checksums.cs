using HookGuard.Rules;

namespace HookGuard.Matching;

public static class Checksums
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly uint[] Crc32Table = BuildCrc32Table();

    public static bool IsValid(ChecksumKind kind, ReadOnlySpan<char> secret) => kind switch
    {
        ChecksumKind.None => true,
        ChecksumKind.Crc32Base62 => IsValidCrc32Base62(secret),
        _ => false,
    };

    /// <summary>prefix_ + body + 6 base62 digits of CRC32(body), as GitHub documents for its token format.</summary>
    public static bool IsValidCrc32Base62(ReadOnlySpan<char> secret)
    {
        var bodyStart = secret.LastIndexOf('_') + 1;
        var bodyLength = secret.Length - bodyStart - 6;
        if (bodyLength <= 0) return false;
        var body = secret.Slice(bodyStart, bodyLength);
        Span<char> expected = stackalloc char[6];
        ToBase62(Crc32(body), expected);
        return secret[^6..].SequenceEqual(expected);
    }

    public static uint Crc32(ReadOnlySpan<char> asciiText)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in asciiText)
            crc = Crc32Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    public static void ToBase62(uint value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
