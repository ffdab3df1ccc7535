using HookGuard.Config;
using HookGuard.Findings;

namespace HookGuard.Policy;

/// <summary>Why a finding does not block.</summary>
internal sealed record AllowedFinding(Finding Finding, string Why);

internal sealed record PolicyResult(IReadOnlyList<Finding> Blocking, IReadOnlyList<AllowedFinding> Allowed);

/// <summary>
/// Decides which findings block: reviewed allowlist comments on the line or the line above, reviewed
/// fingerprints in the config, and the baseline. (Per-rule path scopes act earlier, in the matcher.)
/// </summary>
internal sealed class PolicyEngine
{
    private readonly RepoConfig _config;
    private readonly Baseline? _baseline;

    public PolicyEngine(RepoConfig config, Baseline? baseline)
    {
        _config = config;
        _baseline = baseline;
    }

    public PolicyResult Apply(IEnumerable<Finding> findings)
    {
        var blocking = new List<Finding>();
        var allowed = new List<AllowedFinding>();
        foreach (var finding in findings)
        {
            string? problem = null;
            var why = AllowedBy(finding, ref problem);
            if (why is null) blocking.Add(finding.WithAllowProblem(problem));
            else allowed.Add(new AllowedFinding(finding, why));
        }
        return new PolicyResult(blocking, allowed);
    }

    /// <param name="problem">Set to what is wrong with an allowlist entry that came close, for a finding that blocks.</param>
    private string? AllowedBy(Finding finding, ref string? problem)
    {
        // A file's name holds no comment: a name spelling hookguard:allow approves nothing.
        if (finding.InFileName) return AllowedByEntry(finding, ref problem);
        if (FromComment(finding, finding.LineText, above: false, ref problem) is { } onLine) return onLine;
        if (FromComment(finding, finding.LineAbove, above: true, ref problem) is { } fromAbove) return fromAbove;
        if (AllowedByEntry(finding, ref problem) is { } byEntry) return byEntry;
        if (problem is null && (ForeignIgnoreComments.Find(finding.LineText) ?? ForeignIgnoreComments.Find(finding.LineAbove)) is { } marker)
            problem = $"'{marker}' is another scanner's ignore comment; HookGuard does not honour it (its allowlist needs a reason and a reviewer): use the hookguard:allow line below instead";
        return null;
    }

    /// <summary>The config allowlist's fingerprint entries and the baseline; an entry of the retired scheme is explained.</summary>
    private string? AllowedByEntry(Finding finding, ref string? problem)
    {
        foreach (var entry in _config.Fingerprints)
            if (entry.Fingerprint == finding.Fingerprint) return $"allowlist fingerprint: {entry.Reason} (reviewed by {entry.Reviewer})";
        if (_baseline?.Contains(finding.Fingerprint) == true) return "in the baseline";
        ExplainRetiredFingerprint(finding, ref problem);
        return null;
    }

    /// <summary>
    /// An allow comment approves the secret it was written for: on the finding's own line it covers the
    /// secrets of that line; on the line above only as a comment line of its own, and then only if its
    /// fp= names this secret or it was added in the same change as this line. fp=, when given, must match.
    /// </summary>
    private string? FromComment(Finding finding, string? line, bool above, ref string? problem)
    {
        if (line is null || !AllowComment.TryParse(line, out var comment) || !comment.AppliesTo(finding.Rule.Id)) return null;
        var wrong = comment.Problem(_config.Reviewers);
        if (wrong is null && above && !comment.Standalone)
            wrong = "the hookguard:allow comment on the line above follows code there: a trailing comment covers only its own line";
        if (wrong is null && comment.Fingerprint is not null && !comment.Names(finding.Fingerprint))
            wrong = $"the hookguard:allow comment names fp={comment.Fingerprint}, which is not this secret (fp={Fingerprints.Short(finding.Fingerprint)}): it was written for another one";
        if (wrong is null && above && comment.Fingerprint is null && !finding.LineAboveAdded)
            wrong = "the hookguard:allow comment on the line above was there before this line: it covers a secret added later only with its fp=";
        if (wrong is null) return $"allowlist comment: {comment.Reason} (reviewed by {comment.Reviewer})";
        // The finding's own line speaks first; a comment above does not replace what it said.
        if (!above || problem is null) problem = wrong;
        return null;
    }

    /// <summary>An entry written with the retired unsalted scheme matches no finding now: say so instead of blocking unexplained.</summary>
    private void ExplainRetiredFingerprint(Finding finding, ref string? problem)
    {
        if (_config.Fingerprints.Count == 0 && _baseline is null) return;
        var legacy = finding.LegacyFingerprint;
        if (_config.Fingerprints.Any(e => e.Fingerprint == legacy))
            problem = $"its allowlist.fingerprints entry ({Fingerprints.Short(legacy)}...) uses the retired unsalted fingerprint (scheme 1), which no longer allows anything: replace it with {finding.Fingerprint}";
        else if (_baseline?.Contains(legacy) == true)
            problem = "it is in the baseline under the retired unsalted fingerprint (scheme 1), which no longer counts: run `hookguard baseline update` to record it under the current scheme (and `hookguard baseline prune` to drop the old entries)";
    }
}
