namespace HookGuard.Matching;

/// <summary>Values that stand in for a secret in docs, templates and examples, never a live one.</summary>
internal static class Placeholders
{
    private static readonly WordList Markers = new(StringComparison.OrdinalIgnoreCase,
        [
            "xxxx", "****", "....", "####", "<your", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "<", ">",
            "${", "{{", "}}", "$(", "%(", "#{", "example", "placeholder", "changeme", "change_me", "change-me",
            "replace_me", "replaceme", "replace-me", "redacted", "dummy", "sample", "insert", "fake", "foobar",
            "notreal", "not_real", "not-real", "secret_here", "key_here", "token_here", "goes_here", "goes-here",
            "0123456789", "1234567890", "abcdefghij", "abcdef1234",
            // Credentials that providers publish in their own documentation, so they grant nothing: jwt.io's
            // example token (its signature), Stripe's API-reference test key, the Azure Storage emulator
            // (Azurite, devstoreaccount1) account key. AWS's documented keys end in EXAMPLE and match above.
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "4eC39HqLyjWDarjtT1zdp7dc",
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq",
        ]);

    public static bool IsPlaceholder(ReadOnlySpan<char> secret)
    {
        if (Markers.FoundIn(secret)) return true;
        return LongestRun(secret) * 3 >= secret.Length + 3 || HasLongRun(secret, 6);
    }

    private static bool HasLongRun(ReadOnlySpan<char> s, int limit) => LongestRun(s) >= limit;

    private static int LongestRun(ReadOnlySpan<char> s)
    {
        int best = 0, run = 0;
        for (var i = 0; i < s.Length; i++)
        {
            run = i > 0 && s[i] == s[i - 1] ? run + 1 : 1;
            if (run > best) best = run;
        }
        return best;
    }
}
