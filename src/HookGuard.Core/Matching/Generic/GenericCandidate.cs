using System.Buffers;
using System.Text.RegularExpressions;
using HookGuard.Rules;

namespace HookGuard.Matching.Generic;

/// <summary>One value a generic rule's pattern captured, judged: vetoed, or scored against the threshold.</summary>
internal static class GenericCandidate
{
    // Without a `key` group, the name is looked for in this many characters before the value.
    private const int NameWindow = 48;
    // A pattern's `key` group starts at the keyword; the name's start (smtp_ in smtp_password) is read back this far.
    private const int NamePrefix = 40;

    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>Names that hold a keyword but name no secret (passport, author, keyboard, tokenizer).</summary>
    private static readonly WordList NotSecretNames = new(StringComparison.OrdinalIgnoreCase,
        ["passport", "bypass", "compass", "passthrough", "passive", "passage", "passenger", "author", "keyboard", "monkey",
         "keystroke", "hotkey", "keycode", "keyframe", "keyword", "keypress", "keydown", "keyup", "keyof", "tokenize",
         "secretary", "turkey", "donkey", "whiskey", "jockey", "hockey", "pwdlen",
         // errors and statuses about a credential (STATUS_PWD_TOO_SHORT = 3221226074)
         "status", "error", "errno", "exception", "fail", "invalid", "too_", "must_", "expired", "ignored", "duplicate", "conflict",
         // pagination and request ids, expiry times, helper programs
         "nexttoken", "next_token", "continuation", "pagetoken", "page_token", "cursor", "expires", "expiry", "idempotency",
         "clienttoken", "client_token", "askpass", "marker"]);

    /// <summary>Whether the candidate is reported; if so <paramref name="found"/> carries its score and why.</summary>
    public static bool Judge(Rule rule, Match match, Group secret, string text, string? path, GenericScoring scoring, ref SecretMatch found)
    {
        var value = secret.ValueSpan;
        if (GenericVetoes.Reason(value) is not null || GenericVetoes.ContextReason(text, secret.Index, path) is not null) return false;
        // `"Basic configuration"`: Basic credentials are base64 of user:password, never a lower-case word.
        if (GenericFeatures.ShapeOf(rule.Id) == 4 && !value.ContainsAnyExceptInRange('a', 'z')) return false;
        var key = match.Groups["key"];
        ReadOnlySpan<char> name;
        var shape = GenericFeatures.ShapeOf(rule.Id);
        if (key.Success)
        {
            var start = key.Index;
            while (start > 0 && key.Index - start < NamePrefix && NameChars.Contains(text[start - 1])) start--;
            name = text.AsSpan(start, key.Index + key.Length - start);
            if (NotSecretNames.FoundIn(name)) return false;
            // "lib/puppet/apt_key.rb": "<md5>": the name is a file's, the value its checksum.
            if (start > 0 && text[start - 1] is '/' or '\\' || GenericFeatures.IsFileName(name)) return false;
            // `arn:...:secret:MyName`, `dev:secrets:set`: a name inside a colon-separated identifier, unless it opens a `key:value` line.
            var afterName = key.Index + key.Length;
            if (shape == 1 && afterName + 1 < text.Length && text[afterName] == ':' && !char.IsWhiteSpace(text[afterName + 1])
                && !text.AsSpan(0, start).IsWhiteSpace()) return false;
            // `setProperty("mail.smtp.password", v)`, `put("token", v)`: the name is a call's argument.
            if (shape == 0 && key.Index + key.Length <= secret.Index && text.AsSpan(key.Index + key.Length, secret.Index - key.Index - key.Length).ContainsAny(',', '('))
                shape = 7;
        }
        else
        {
            name = text.AsSpan(Math.Max(0, secret.Index - NameWindow), Math.Min(secret.Index, NameWindow));
        }
        Span<float> features = stackalloc float[GenericFeatures.Count];
        GenericFeatures.Compute(features, shape, value, name, text, secret.Index, path);
        var score = GenericScorer.Score(features);
        if (score < scoring.Threshold && !scoring.KeepAllCandidates) return false;
        var classes = (int)features[10];
        found = found with
        {
            Score = Math.Round(score, 3),
            Why = GenericScorer.Explain(features, score, value, classes, found.Entropy),
            Details = GenericScorer.Describe(features),
            Features = scoring.KeepFeatures || scoring.KeepAllCandidates ? features.ToArray() : null,
        };
        return true;
    }
}
