using System.Buffers;

namespace HookGuard.Matching.Generic;

/// <summary>
/// Values a generic rule never reports, whatever the scorer says: too short, identifiers and timestamps,
/// and values that as a whole are a placeholder or a default everyone knows (`changeme`, `123456`,
/// `password`). Only the whole value counts: `Summer2023!` or `my-secret-key-2024` are not placeholders.
/// </summary>
internal static class GenericVetoes
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
        if (PlaceholderWords.HasCapitalLabel(value)) return "labelled in capitals as made up";
        // `readonly_account_password`, `emr-password`, `iam:ChangePassword`, `passw2`: a name of a password, or a stand-in for one.
        if (value.Contains("passw", StringComparison.OrdinalIgnoreCase) || value.Contains("pasword", StringComparison.OrdinalIgnoreCase)) return "names a password";
        if (IsDecimalNumber(value)) return "a decimal number";
        if (IsMessageTemplate(value)) return "a message template";
        if (value.Contains("...", StringComparison.Ordinal) || value.Contains('\u2026')) return "elided";
        if (value.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase)) return "a resource name";
        if (value.StartsWith("x-", StringComparison.OrdinalIgnoreCase) && !value.ContainsAnyExcept(HeaderNameCharacters)) return "an HTTP header name";
        if (value.StartsWith("ssh-") || value.StartsWith("ecdsa-sha2-")) return "an SSH public key";
        if (Base64Text.DecodesToMadeUp(value)) return "base64 of placeholder words";
        return null;
    }

    /// <summary>
    /// Why a candidate is ruled out by where it stands, or null: in a file whose name says it is a
    /// collection of documented examples (`iam-2010-05-08.examples.json`, `samples.yaml`; a template such as
    /// `.env.example` or `config.sample.yaml` is still scored, people fill those in), or as the token of a
    /// badge image's URL (`badge.svg?token=`), which services issue read-only to be published.
    /// </summary>
    public static string? ContextReason(ReadOnlySpan<char> line, int valueStart, string? path)
    {
        if (path is not null && IsExamplesFile(path)) return "in a file of documented examples";
        if (IsBadgeToken(line, valueStart)) return "a badge image's published token";
        return null;
    }

    /// <summary>A file name with a component `examples` or `samples` (plural: a collection, not a template to fill in).</summary>
    public static bool IsExamplesFile(ReadOnlySpan<char> path)
    {
        var name = path[(path.LastIndexOfAny('/', '\\') + 1)..];
        foreach (var part in name.SplitAny(".-_"))
        {
            var word = name[part];
            if (word.Equals("examples", StringComparison.OrdinalIgnoreCase) || word.Equals("samples", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The value is a URL's query parameter (`?token=`, `&amp;token=`) and the URL's path names an image or a badge.</summary>
    public static bool IsBadgeToken(ReadOnlySpan<char> line, int valueStart)
    {
        if (valueStart <= 0 || valueStart > line.Length || line[valueStart - 1] != '=') return false;
        var before = line[..(valueStart - 1)];
        var query = before.LastIndexOfAny('?', '&');
        if (query < 0 || before[(query + 1)..].ContainsAnyExcept(QueryNameCharacters)) return false;
        var question = before.LastIndexOf('?');
        if (question < 0) return false;
        var urlStart = before[..question].LastIndexOfAny(UrlDelimiters) + 1;
        var url = before[urlStart..question];
        if (!url.Contains("://", StringComparison.Ordinal)) return false;
        return url.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || url.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
               || url.EndsWith(".gif", StringComparison.OrdinalIgnoreCase) || url.Contains("badge", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly SearchValues<char> QueryNameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
    private static readonly SearchValues<char> UrlDelimiters = SearchValues.Create(" \t\"'()<>[]`");

    /// <summary>`... module “{1}” ...`, `failed: %s`: a format string with its arguments' places, a message, not a key.</summary>
    public static bool IsMessageTemplate(ReadOnlySpan<char> value)
    {
        for (var i = value.IndexOfAny('{', '%'); i >= 0 && i + 2 < value.Length + 1; i = value[(i + 1)..].IndexOfAny('{', '%') is var n and >= 0 ? i + 1 + n : -1)
        {
            if (value[i] == '{' && i + 2 < value.Length && char.IsAsciiDigit(value[i + 1]) && value[i + 2] == '}') return true;
            if (value[i] == '%' && i + 1 < value.Length && value[i + 1] is 's' or 'd' && (i + 2 == value.Length || !char.IsAsciiLetterOrDigit(value[i + 2]))) return true;
        }
        return false;
    }

    /// <summary>0.047908797369389244, -12.5: a measurement, not a key.</summary>
    public static bool IsDecimalNumber(ReadOnlySpan<char> value)
    {
        if (value.Length > 0 && value[0] == '-') value = value[1..];
        var dot = value.IndexOf('.');
        return dot > 0 && dot < value.Length - 1 && !value[..dot].ContainsAnyExceptInRange('0', '9') && !value[(dot + 1)..].ContainsAnyExceptInRange('0', '9');
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
