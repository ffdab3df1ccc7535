namespace HookGuard.Matching.Generic;

/// <summary>
/// Values written from the words people use when they make one up (`testpwd2`, `somePASSWORD`, `pass4321`,
/// `supersecretpassword`, `wrong`) or typed along the keyboard (`asdf`, `abcdefgh`, `87654321`): every letter
/// run splits into such words and the rest is digits and punctuation. Hand-written, not learned: a real
/// password made of other words (`Summer2023!`, `hunter2hunter2`, `Tr0ub4dor3`) is not one.
/// </summary>
internal static class PlaceholderWords
{
    private static readonly string[] Words =
    [
        "pass", "password", "passwd", "passphrase", "pwd", "pw", "secret", "token", "key", "api", "auth", "cred", "credential",
        "credentials", "test", "tests", "testing", "tester", "some", "my", "your", "our", "the", "a", "new", "old", "wrong", "bad",
        "invalid", "valid", "correct", "incorrect", "super", "dummy", "fake", "sample", "example", "demo", "foo", "bar", "baz",
        "qux", "user", "users", "admin", "root", "guest", "abc", "xyz", "qwerty", "asdf", "zxcv", "changed", "change", "changeme",
        "me", "default", "other", "another", "secure", "strong", "weak", "long", "short", "hello", "world", "letmein", "welcome",
        "value", "not", "no", "none", "null", "empty", "blank", "random", "here", "goes", "this", "is", "it", "to", "of", "for",
        "top", "very", "really", "mock", "stub", "local", "dev", "prod", "temp", "tmp", "one", "two", "three", "first", "second",
        "confirm", "confirmation", "reset", "login", "access", "private", "public", "string", "text", "word", "name", "shh",
        "hidden", "redacted", "dont", "use", "placeholder", "insert", "put", "replace", "todo", "good", "right", "real",
        "github", "gitlab", "webhook", "refresh", "session", "cookie", "jwt", "oauth", "client", "app", "db", "database", "server",
        "service", "mail", "smtp", "email", "account", "bot", "aws", "cloud", "site", "web", "npm", "yarn", "pypi", "docker",
        "such", "much", "wow", "so", "registry", "sekrit", "over", "kind", "object", "pswd", "kms",
        // filler people type when any value will do
        "something", "anything", "nothing", "whatever", "blah", "blabla", "stuff", "thing", "binary", "base",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        new HashSet<string>(Words, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private const string KeyboardRows = "qwertyuiop asdfghjkl zxcvbnm abcdefghijklmnopqrstuvwxyz 01234567890 0987654321 zyxwvutsrqponmlkjihgfedcba";

    public static bool IsMadeUp(ReadOnlySpan<char> value)
    {
        if (value.Length > 40) return false;
        var letters = 0;
        for (var i = 0; i < value.Length;)
        {
            if (!char.IsAsciiLetter(value[i]))
            {
                if (!char.IsAscii(value[i])) return false;
                i++;
                continue;
            }
            var end = i;
            while (end < value.Length && char.IsAsciiLetter(value[end])) end++;
            if (!Splits(value[i..end])) return false;
            letters += end - i;
            i = end;
        }
        return letters > 0 || IsKeyboardRun(value);
    }

    /// <summary>
    /// A run of eight or more capitals inside a mixed-case value that splits into placeholder words and names
    /// one (`VERYLONGSECRETeyJr...`, `...EXAMPLEACCESSTOKEN`): documentation marks a made-up value so, and
    /// a generated key's capitals never spell words.
    /// </summary>
    public static bool HasCapitalLabel(ReadOnlySpan<char> value)
    {
        const int MinRun = 8;
        if (value.Length < MinRun || value.Length > 512 || !value.ContainsAnyInRange('a', 'z')) return false;
        for (var i = 0; i < value.Length;)
        {
            if (!char.IsAsciiLetterUpper(value[i]))
            {
                i++;
                continue;
            }
            var end = i;
            while (end < value.Length && char.IsAsciiLetterUpper(value[end])) end++;
            // The capital starting the next lower-case word (`SECRETeyJ`) belongs to neither.
            var run = value[i..end];
            if (run.Length >= MinRun && (Splits(run) || run.Length > MinRun && end < value.Length && char.IsAsciiLetterLower(value[end]) && Splits(run[..^1]))
                && LabelWords.FoundIn(run)) return true;
            i = end;
        }
        return false;
    }

    private static readonly WordList LabelWords = new(StringComparison.Ordinal, ["SECRET", "EXAMPLE", "TOKEN", "PASSWORD", "SAMPLE", "DUMMY", "FAKE", "PLACEHOLDER"]);

    /// <summary>Five or more characters in keyboard or counting order inside the value (`adg123456`, `refresh12345`).</summary>
    public static bool HasLongRun(ReadOnlySpan<char> value)
    {
        const int Run = 5;
        if (value.Length < Run || value.Length > 64) return false;
        Span<char> lower = stackalloc char[value.Length];
        value.ToLowerInvariant(lower);
        for (var i = 0; i + Run <= lower.Length; i++)
            if (KeyboardRows.AsSpan().IndexOf(lower.Slice(i, Run)) >= 0) return true;
        return false;
    }

    /// <summary>Whether the letters split into known words (word break by dynamic programming; runs are short).</summary>
    private static bool Splits(ReadOnlySpan<char> run)
    {
        if (IsKeyboardRun(run)) return true;
        Span<bool> reachable = stackalloc bool[run.Length + 1];
        reachable[0] = true;
        for (var end = 1; end <= run.Length; end++)
            for (var start = Math.Max(0, end - 12); start < end && !reachable[end]; start++)
                if (reachable[start] && Lookup.Contains(run[start..end])) reachable[end] = true;
        return reachable[run.Length];
    }

    /// <summary>Four or more characters in keyboard or alphabet order (asdf, abcdefgh, 4321).</summary>
    private static bool IsKeyboardRun(ReadOnlySpan<char> run)
    {
        if (run.Length < 4) return false;
        Span<char> lower = stackalloc char[run.Length];
        run.ToLowerInvariant(lower);
        return KeyboardRows.AsSpan().IndexOf(lower) >= 0;
    }
}
