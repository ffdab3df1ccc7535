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
        ["(", ")", "process.env", "os.environ", "getenv", "env.", "environ[", "config.", "settings.", "vault:", "secrets.", "ssm:", "arn:aws", "http://", "https://", "file://", "/dev/", "null", "undefined", "none", "true", "false", "urn:"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Files whose values are never secrets written by a person: lock files (integrity hashes, resolved
    /// URLs) and localisation catalogues (the word "password" translated). Generic rules skip them;
    /// provider rules, which know their format, still run there. A fixed list, checked by name, extension
    /// and folder without globbing: it is asked once per file, and glob matching allocated ~20 KB a call.
    /// </summary>
    public static bool InNotSecretFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (LockFileNames.Contains(name) || NotSecretExtensions.Contains(Path.GetExtension(name))) return true;
        var folders = LocalisationFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var segment in path.AsSpan().Split('/'))
            if (segment.End.Value < path.Length && folders.Contains(path.AsSpan()[segment])) return true;
        return false;
    }

    private static readonly HashSet<string> LockFileNames = new(StringComparer.OrdinalIgnoreCase)
        { "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "packages.lock.json" };
    private static readonly HashSet<string> NotSecretExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".lock", ".lockfile", ".po", ".pot", ".xlf", ".xliff", ".strings", ".resx" };
    private static readonly HashSet<string> LocalisationFolders = new(StringComparer.OrdinalIgnoreCase)
        { "locales", "locale", "i18n", "l10n" };

    public static bool LooksLikeSecret(ReadOnlySpan<char> value)
    {
        if (value.Length < 6) return false;
        if (value[0] is '$' or '%' or '@' or '&' or '*' or '/' or '.' or '~' or '!' or '[' or '{') return false;
        if (value.IndexOfAny(CodeMarkers) >= 0) return false;
        if (value.ContainsAny(' ', '\t')) return false;
        if (!value.ContainsAny(Letters)) return false;                  // numbers, ports, dates
        if (!value.ContainsAny(Digits) && IsWords(value)) return false;  // identifiers, words, CONSTANT_NAMES
        if (value.Length > 2 && value[1] == ':' && value[2] == '\\') return false; // C:\ paths
        if (IsUuid(value) || IsDateOrTime(value)) return false;          // identifiers and timestamps, not keys
        // `test1234`, `demo-pass1`: a fixture's value, unless it is random enough to be a real key.
        if (value.IndexOfAny(TestMarkers) >= 0 && Entropy.Shannon(value) < 3.5) return false;
        return true;
    }

    /// <summary>8-4-4-4-12 hex digits: a request or resource id in docs and fixtures (keys shaped so have provider rules).</summary>
    private static bool IsUuid(ReadOnlySpan<char> value) =>
        value.Length == 36 && value[8] == '-' && value[13] == '-' && value[18] == '-' && value[23] == '-' &&
        !value.ContainsAnyExcept(UuidCharacters);

    private static readonly SearchValues<char> UuidCharacters = SearchValues.Create("0123456789abcdefABCDEF-");

    /// <summary>2016-05-04, 2016-05-04T10:00:00Z, 10:00:00: dates and times, not keys.</summary>
    private static bool IsDateOrTime(ReadOnlySpan<char> value) =>
        value.Length >= 8 && (value.Length >= 10 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[3]) && value[4] == '-' && value[7] == '-'
                              || char.IsAsciiDigit(value[0]) && value[2] == ':' && value[5] == ':');

    /// <summary>Letters and word separators only: a word, an identifier or a CONSTANT_NAME.</summary>
    private static bool IsWords(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
            if (!Letters.Contains(c) && !WordSeparators.Contains(c)) return false;
        return true;
    }
}
