namespace HookGuard.Rules;

public enum ChecksumKind
{
    None,
    /// <summary>GitHub's and npm's tokens: the last 6 characters are base62(CRC32(body)).</summary>
    Crc32Base62,
}
