using HookGuard.Config;
using HookGuard.Findings;

namespace HookGuard.Policy;

internal enum AllowStatus { Active, Stale, Incomplete }

/// <summary>An allowlist comment found in the code, and whether it still allows anything.</summary>
internal sealed record AllowCommentEntry(string Path, int Line, AllowComment Comment, AllowStatus Status, string? Problem);

/// <summary>A fingerprint entry of .hookguard.yaml, and whether any current finding still has it.</summary>
internal sealed record FingerprintEntry(FingerprintAllow Allow, AllowStatus Status);

/// <summary>
/// For audits and code review: every reviewed exception in the repository, and which of them no longer
/// match any finding (stale: the secret is gone, so the exception should go too).
/// </summary>
internal static class AllowlistAudit
{
    public static (List<AllowCommentEntry> Comments, List<FingerprintEntry> Fingerprints) Run(
        IEnumerable<(string Path, int Line, string Text)> commentLines, IReadOnlyList<Finding> findings, RepoConfig config)
    {
        var comments = new List<AllowCommentEntry>();
        foreach (var (path, line, text) in commentLines)
        {
            if (!AllowComment.TryParse(text, out var comment)) continue;
            var problem = comment.Problem(config.Reviewers);
            // A comment covers its own line, and the line below it when it is a comment line of its own; fp= names one secret.
            var covers = findings.Any(f => f.Path == path && (f.Line == line || (f.Line == line + 1 && comment.Standalone))
                && comment.AppliesTo(f.Rule.Id) && (comment.Fingerprint is null || comment.Names(f.Fingerprint)));
            var status = problem is not null ? AllowStatus.Incomplete : covers ? AllowStatus.Active : AllowStatus.Stale;
            comments.Add(new AllowCommentEntry(path, line, comment, status, problem ?? (covers ? null : "no finding on this line or the next: remove the comment")));
        }
        var current = findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var fingerprints = config.Fingerprints
            .Select(f => new FingerprintEntry(f, current.Contains(f.Fingerprint) ? AllowStatus.Active : AllowStatus.Stale))
            .ToList();
        return (comments, fingerprints);
    }
}
