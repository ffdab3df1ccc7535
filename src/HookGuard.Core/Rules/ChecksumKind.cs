namespace HookGuard.Rules;

internal enum ChecksumKind
{
    None,
    /// <summary>GitHub's and npm's tokens: the last 6 characters are base62(CRC32(body)).</summary>
    Crc32Base62,
    /// <summary>HTTP Basic credentials: standard base64 of printable `user:password` (RFC 7617), not of a bare token or a made-up password.</summary>
    BasicCredentials,
}
