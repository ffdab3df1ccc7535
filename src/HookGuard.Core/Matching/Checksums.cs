using HookGuard.Rules;

namespace HookGuard.Matching;

public static class Checksums
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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

    /// <summary>CRC-32 (ISO-HDLC, as zlib and GitHub use it) of ASCII text.</summary>
    public static uint Crc32(ReadOnlySpan<char> asciiText)
    {
        // Token bodies are short; a longer text is copied to the heap rather than the stack.
        Span<byte> bytes = asciiText.Length <= 256 ? stackalloc byte[asciiText.Length] : new byte[asciiText.Length];
        for (var i = 0; i < asciiText.Length; i++) bytes[i] = (byte)asciiText[i];
        return System.IO.Hashing.Crc32.HashToUInt32(bytes);
    }

    public static void ToBase62(uint value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
    }
}
