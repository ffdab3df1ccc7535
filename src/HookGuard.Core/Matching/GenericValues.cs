using System.Buffers;

namespace HookGuard.Matching;

/// <summary>
/// For rules that recognise a secret by the name it is assigned to (`password = ...`) rather than by a
/// provider's format: the value must read like a secret, not like code, a word, a path or a reference.
/// </summary>
public static class GenericValues
{
    private static readonly SearchValues<char> Letters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> WordSeparators = SearchValues.Create("_-. ");
    private static readonly SearchValues<string> TestMarkers = SearchValues.Create(["test", "demo", "mock", "local", "dev"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> CodeMarkers = SearchValues.Create(
        ["(", ")", "process.env", "os.environ", "getenv", "env.", "environ[", "config.", "settings.", "vault:", "secrets.", "ssm:", "arn:aws", "http://", "https://", "file://", "/dev/", "null", "undefined", "none", "true", "false"],
        StringComparison.OrdinalIgnoreCase);

    public static bool LooksLikeSecret(ReadOnlySpan<char> value)
    {
        if (value.Length < 6) return false;
        if (value[0] is '$' or '%' or '@' or '&' or '*' or '/' or '.' or '~' or '!' or '[' or '{') return false;
        if (value.IndexOfAny(CodeMarkers) >= 0) return false;
        if (value.ContainsAny(' ', '\t')) return false;
        if (!value.ContainsAny(Letters)) return false;                  // numbers, ports, dates
        if (!value.ContainsAny(Digits) && IsWords(value)) return false;  // identifiers, words, CONSTANT_NAMES
        if (value.Length > 2 && value[1] == ':' && value[2] == '\\') return false; // C:\ paths
        // `test1234`, `demo-pass1`: a fixture's value, unless it is random enough to be a real key.
        if (value.IndexOfAny(TestMarkers) >= 0 && Entropy.Shannon(value) < 3.5) return false;
        return true;
    }

    /// <summary>Letters and word separators only: a word, an identifier or a CONSTANT_NAME.</summary>
    private static bool IsWords(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
            if (!Letters.Contains(c) && !WordSeparators.Contains(c)) return false;
        return true;
    }
}
