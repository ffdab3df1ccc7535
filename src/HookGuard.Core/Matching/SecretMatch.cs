using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>A secret the matcher found in one line: columns are 0-based char offsets into that line.</summary>
public readonly record struct SecretMatch(Rule Rule, int Start, int Length, string Secret, double Entropy);
