using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>
/// A secret the matcher found in one line: columns are 0-based char offsets into that line. A generic
/// rule's match also carries the scorer's verdict: its score (0..1), why in one line, and the features.
/// </summary>
internal readonly record struct SecretMatch(Rule Rule, int Start, int Length, string Secret, double Entropy)
{
    public double Score { get; init; } = -1;
    public string? Why { get; init; }
    /// <summary>Every feature with its contribution to the score, for --verbose.</summary>
    public string? Details { get; init; }
    public float[]? Features { get; init; }
}
