using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>A rule's match on a line, made into the finding the later stages read.</summary>
internal static class MatchedFinding
{
    public static Finding From(SecretMatch match, string path, int line, string lineText, string? lineAbove, CommitInfo? commit,
        bool lineAboveAdded = false)
    {
        var finding = new Finding
        {
            Rule = match.Rule,
            Path = path,
            Line = line,
            Column = match.Start + 1,
            Secret = match.Secret,
            Entropy = match.Entropy,
            LineText = lineText,
            LineAbove = lineAbove,
            LineAboveAdded = lineAboveAdded,
            Commit = commit,
            Why = match.Why,
            Details = match.Details,
        };
        // A key written as one string carries its body on this line; a header alone waits for the next lines.
        if (PrivateKeyMaterial.IsPemKey(match.Secret) && PrivateKeyMaterial.BodyInLine(lineText, match.Start, out _) is { Length: > 0 } body)
            finding.KeyMaterial = PrivateKeyMaterial.WithBody(body);
        return finding;
    }
}
