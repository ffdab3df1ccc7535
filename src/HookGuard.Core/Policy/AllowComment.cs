namespace HookGuard.Policy;

/// <summary>
/// `hookguard:allow <rule-id|*> reason="..." reviewed-by=<name>` inside whatever comment syntax the
/// file uses. Reason and reviewer are both required for the comment to allow anything.
/// </summary>
public readonly record struct AllowComment(string RuleId, string? Reason, string? Reviewer, int Column)
{
    public const string Marker = "hookguard:allow";

    public bool AppliesTo(string ruleId) => RuleId == "*" || RuleId == ruleId;

    /// <summary>What the comment lacks, or null when it is complete.</summary>
    public string? Problem(IReadOnlyCollection<string>? acceptedReviewers)
    {
        if (string.IsNullOrWhiteSpace(Reason) && string.IsNullOrWhiteSpace(Reviewer))
            return "the hookguard:allow comment needs reason=\"...\" and reviewed-by=<name>";
        if (string.IsNullOrWhiteSpace(Reason)) return "the hookguard:allow comment needs reason=\"...\" (why this is not a live secret)";
        if (string.IsNullOrWhiteSpace(Reviewer)) return "the hookguard:allow comment needs reviewed-by=<name> (who reviewed it)";
        if (acceptedReviewers is { Count: > 0 } && !acceptedReviewers.Contains(Reviewer))
            return $"reviewed-by={Reviewer} is not an accepted reviewer in .hookguard.yaml (allowlist.reviewers: {string.Join(", ", acceptedReviewers)})";
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
        comment = new AllowComment(ruleId, Attribute(rest, "reason="), Attribute(rest, "reviewed-by="), at + 1);
        return ruleId.Length > 0;
    }

    /// <summary>A `key=value` or `key="quoted value"` attribute; null when absent or empty.</summary>
    private static string? Attribute(ReadOnlySpan<char> text, string key)
    {
        var at = text.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return null;
        var value = text[(at + key.Length)..];
        if (value.Length > 0 && value[0] is '"' or '\'')
        {
            var quote = value[0];
            var close = value[1..].IndexOf(quote);
            var quoted = close < 0 ? value[1..] : value[1..(close + 1)];
            return quoted.IsWhiteSpace() ? null : quoted.ToString();
        }
        var end = value.IndexOfAny(" \t\"';,)".AsSpan());
        var bare = end < 0 ? value : value[..end];
        return bare.IsEmpty ? null : bare.ToString();
    }
}
