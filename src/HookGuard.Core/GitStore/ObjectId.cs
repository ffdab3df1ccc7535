namespace HookGuard.GitStore;

/// <summary>SHA-1 object ids as git stores them: 20 raw bytes, printed as 40 hex digits.</summary>
internal static class ObjectId
{
    public const int Length = 20;

    public static string ToHex(ReadOnlySpan<byte> id) => Convert.ToHexStringLower(id);

    /// <summary>40 hex digits to raw bytes; null for anything else (a SHA-256 repository, a damaged ref).</summary>
    public static byte[]? FromHex(ReadOnlySpan<char> hex)
    {
        if (hex.Length != Length * 2) return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
