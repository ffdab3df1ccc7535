using System.Buffers;

namespace HookGuard.Matching.Generic;

/// <summary>
/// Values a generic rule never reports, whatever the scorer says: too short, identifiers and timestamps,
/// and values that as a whole are a placeholder or a default everyone knows (`changeme`, `123456`,
/// `password`). Only the whole value counts: `Summer2023!` or `my-secret-key-2024` are not placeholders.
/// </summary>
public static class GenericVetoes
{
    private const int MinLength = 4;

    private static readonly string[] KnownValues =
    [
        "password", "passwd", "pass", "secret", "token", "apikey", "api_key", "key", "admin", "administrator", "root", "test",
        "tester", "testing", "guest", "user", "username", "changeme", "change_me", "changeit", "default", "example", "sample",
        "none", "null", "nil", "undefined", "true", "false", "empty", "redacted", "hidden", "masked", "private", "public",
        "value", "string", "foo", "bar", "baz", "foobar", "qwerty", "qwertyuiop", "letmein", "welcome", "abc123", "abcdef",
        "123456", "1234567", "12345678", "123456789", "1234567890", "password1", "password123", "secret123", "admin123",
        "test123", "test1234", "testpass", "testpassword", "mypassword", "mysecret", "mytoken", "yourpassword", "yoursecret",
        "yourtoken", "postgres", "mysql", "root123", "toor", "pa$$word", "p@ssword", "p@ssw0rd", "passw0rd", "secretkey",
        "secret_key", "supersecret", "topsecret", "notasecret", "hunter2", "xxx", "todo", "tbd", "required", "optional",
        "unknown", "anonymous", "bearer", "basic", "token_here", "localhost", "development", "production", "staging",
        "function", "datetime", "date", "int", "integer", "bool", "boolean", "object", "class", "lambda", "array", "bytes",
    ];

    private static readonly HashSet<string> Known = new(KnownValues, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<char> HeaderNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
    private static readonly SearchValues<char> MaskCharacters = SearchValues.Create("xX*.-#_ ");
    private static readonly SearchValues<char> UuidCharacters = SearchValues.Create("0123456789abcdefABCDEF-");

    /// <summary>Why the value is ruled out, or null when the scorer decides.</summary>
    public static string? Reason(ReadOnlySpan<char> value)
    {
        if (value.Length < MinLength) return "too short";
        if (KnownLookup.Contains(value)) return "a well-known placeholder or default";
        if (IsUuid(value)) return "a UUID";
        if (IsDateOrTime(value)) return "a date or time";
        if (value[0] is '$' && value.Length > 1 && (char.IsAsciiLetter(value[1]) || value[1] is '_' or '{' or '(')) return "a variable";
        if (!value.ContainsAnyExcept(MaskCharacters)) return "a mask";
        if (PlaceholderWords.IsMadeUp(value)) return "made of placeholder words";
        if (PlaceholderWords.HasLongRun(value)) return "holds a keyboard or counting run";
        if (value.Contains("...", StringComparison.Ordinal) || value.Contains('\u2026')) return "elided";
        if (value.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase)) return "a resource name";
        if (value.StartsWith("x-", StringComparison.OrdinalIgnoreCase) && !value.ContainsAnyExcept(HeaderNameCharacters)) return "an HTTP header name";
        if (value.StartsWith("ssh-") || value.StartsWith("ecdsa-sha2-")) return "an SSH public key";
        if (Base64Text.DecodesToMadeUp(value)) return "base64 of placeholder words";
        return null;
    }

    /// <summary>8-4-4-4-12 hex digits: a request or resource id (keys shaped so have provider rules).</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.Length >= 38 && value[0] == '{' && value[^1] == '}') value = value[1..^1];
        return value.Length == 36 && value[8] == '-' && value[13] == '-' && value[18] == '-' && value[23] == '-' &&
               !value.ContainsAnyExcept(UuidCharacters);
    }

    /// <summary>2016-05-04, 2016-05-04T10:00:00Z, 10:00:00: dates and times, not keys.</summary>
    public static bool IsDateOrTime(ReadOnlySpan<char> value) =>
        value.Length >= 8 && (value.Length >= 10 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[3]) && value[4] == '-' && value[7] == '-'
                              || char.IsAsciiDigit(value[0]) && value[2] == ':' && value[5] == ':');
}
