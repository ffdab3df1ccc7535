using System.Buffers;
using System.Buffers.Text;
using HookGuard.Matching.Generic;
using HookGuard.Rules;

namespace HookGuard.Matching;

internal static class Checksums
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static bool IsValid(ChecksumKind kind, ReadOnlySpan<char> secret) => kind switch
    {
        ChecksumKind.None => true,
        ChecksumKind.Crc32Base62 => IsValidCrc32Base62(secret),
        ChecksumKind.BasicCredentials => IsBasicCredentials(secret),
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

    /// <summary>
    /// The value of `Authorization: Basic ...` (RFC 7617): standard base64 of `user-id:password`, printable ASCII,
    /// a user id without a colon and a password that is not a placeholder (`${PASS}`, `<password>`, `changeme`,
    /// `testpass1`) nor the user id again. A base64 token sent as Basic (no colon, or binary) is not one.
    /// </summary>
    public static bool IsBasicCredentials(ReadOnlySpan<char> secret)
    {
        if (secret.Length is < 8 or > 1024 || secret.Length % 4 != 0) return false;
        Span<byte> bytes = stackalloc byte[secret.Length];
        for (var i = 0; i < secret.Length; i++)
        {
            if (secret[i] > 0x7f) return false;
            bytes[i] = (byte)secret[i];
        }
        if (Base64.DecodeFromUtf8InPlace(bytes, out var written) != OperationStatus.Done) return false;
        var decoded = bytes[..written];
        foreach (var b in decoded)
            if (b is < 0x20 or > 0x7e) return false;
        var colon = decoded.IndexOf((byte)':');
        if (colon < 1 || colon > 128) return false;
        Span<char> text = stackalloc char[decoded.Length];
        for (var i = 0; i < decoded.Length; i++) text[i] = (char)decoded[i];
        var user = text[..colon];
        var password = text[(colon + 1)..];
        if (password.Length < 4 || password.SequenceEqual(user)) return false;
        if (user.ContainsAny(' ', '\t') || password.Contains(' ')) return false;
        return !Placeholders.IsPlaceholder(password) && !PlaceholderWords.IsMadeUp(password) && !PlaceholderWords.HasLongRun(password);
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
