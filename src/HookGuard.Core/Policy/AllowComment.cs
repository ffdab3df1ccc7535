namespace HookGuard.Policy;

/// <summary>
/// `hookguard:allow <rule-id|*> [fp=<12 hex>] reason="..." reviewed-by=<name>` inside whatever comment
/// syntax the file uses. Reason and reviewer are both required for the comment to allow anything.
/// Attributes are whitespace-separated `key=value` or `key="quoted value"` tokens: `reason=reviewed-by=bob`
/// is a reason of "reviewed-by=bob" and no reviewer.
/// </summary>
/// <param name="Fingerprint">The short fingerprint (`fp=`) binding the comment to one secret, when given.</param>
/// <param name="Standalone">The comment is the whole line (nothing but comment syntax before it), not trailing code.</param>
internal readonly record struct AllowComment(string RuleId, string? Reason, string? Reviewer, int Column, string? Fingerprint = null, bool Standalone = false)
{
    public const string Marker = "hookguard:allow";

    public bool AppliesTo(string ruleId) => RuleId == "*" || RuleId == ruleId;

    /// <summary>Whether the comment's fp= names this fingerprint (a comment without fp= names none).</summary>
    public bool Names(string fingerprint) =>
        Fingerprint is { Length: > 0 } fp && fingerprint.StartsWith(fp, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the comment lacks, or null when it is complete.</summary>
    public string? Problem(IReadOnlyCollection<string>? acceptedReviewers)
    {
        if (string.IsNullOrWhiteSpace(Reason) && string.IsNullOrWhiteSpace(Reviewer))
            return "the hookguard:allow comment needs reason=\"...\" and reviewed-by=<name>";
        if (string.IsNullOrWhiteSpace(Reason)) return "the hookguard:allow comment needs reason=\"...\" (why this is not a live secret)";
        if (string.IsNullOrWhiteSpace(Reviewer)) return "the hookguard:allow comment needs reviewed-by=<name> (who reviewed it)";
        if (acceptedReviewers is { Count: > 0 } && !acceptedReviewers.Contains(Reviewer))
            return $"reviewed-by={Reviewer} is not an accepted reviewer in .hookguard.yaml (allowlist.reviewers: {string.Join(", ", acceptedReviewers)})";
        if (Fingerprint is { } fp && (fp.Length < 8 || !fp.All(char.IsAsciiHexDigit)))
            return $"fp={fp} is not a fingerprint's short form (its first {HookGuard.Findings.Fingerprints.ShortLength} hex digits)";
        return null;
    }

    public static bool TryParse(ReadOnlySpan<char> line, out AllowComment comment)
    {
        comment = default;
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return false;
        var rest = line[(at + Marker.Length)..];
        if (rest.IsEmpty || !char.IsWhiteSpace(rest[0])) return false;
        rest = rest.TrimStart();
        var idEnd = rest.IndexOfAny(' ', '\t');
        var ruleId = (idEnd < 0 ? rest : rest[..idEnd]).ToString();
        rest = idEnd < 0 ? [] : rest[idEnd..];
        string? reason = null, reviewer = null, fingerprint = null;
        foreach (var (key, value) in Attributes(rest))
        {
            // The first of each counts; a repeated key cannot replace what a reviewer read first.
            switch (key)
            {
                case "reason": reason ??= value; break;
                case "reviewed-by": reviewer ??= value; break;
                case "fp": fingerprint ??= value; break;
            }
        }
        comment = new AllowComment(ruleId, reason, reviewer, at + 1, fingerprint, IsCommentSyntaxOnly(line[..at]));
        return ruleId.Length > 0;
    }

    /// <summary>Whitespace-separated attributes; a value is quoted ("..." or '...') or runs to whitespace or comment punctuation.</summary>
    private static List<(string Key, string? Value)> Attributes(ReadOnlySpan<char> text)
    {
        var attributes = new List<(string, string?)>();
        while (true)
        {
            text = text.TrimStart();
            if (text.IsEmpty) return attributes;
            var tokenEnd = text.IndexOfAny(" \t=".AsSpan());
            if (tokenEnd < 0 || text[tokenEnd] != '=')
            {
                // A bare word (comment syntax such as */ or -->): skipped.
                text = tokenEnd < 0 ? [] : text[tokenEnd..];
                continue;
            }
            var key = text[..tokenEnd].ToString();
            var value = text[(tokenEnd + 1)..];
            if (value.Length > 0 && value[0] is '"' or '\'')
            {
                var quote = value[0];
                var close = value[1..].IndexOf(quote);
                var quoted = close < 0 ? value[1..] : value[1..(close + 1)];
                attributes.Add((key, quoted.IsWhiteSpace() ? null : quoted.ToString()));
                text = SkipToWhitespace(close < 0 ? [] : value[(close + 2)..]);
                continue;
            }
            var end = value.IndexOfAny(" \t\"';,)".AsSpan());
            var bare = end < 0 ? value : value[..end];
            attributes.Add((key, bare.IsEmpty ? null : bare.ToString()));
            text = SkipToWhitespace(end < 0 ? [] : value[end..]);
        }
    }

    /// <summary>What follows a value without whitespace (a closing quote of the host string, `,key=`) starts no attribute.</summary>
    private static ReadOnlySpan<char> SkipToWhitespace(ReadOnlySpan<char> text)
    {
        var next = text.IndexOfAny(' ', '\t');
        return next < 0 ? [] : text[next..];
    }

    /// <summary>Whether the text before the marker is only comment syntax (`#`, `//`, `/*`, `<!--`, `--`, `;`, `REM`...).</summary>
    private static bool IsCommentSyntaxOnly(ReadOnlySpan<char> prefix)
    {
        var trimmed = prefix.Trim();
        if (trimmed.Equals("rem", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var c in trimmed)
            if (char.IsLetterOrDigit(c) || c is '"' or '\'' or '`' or '=') return false;
        return true;
    }
}
