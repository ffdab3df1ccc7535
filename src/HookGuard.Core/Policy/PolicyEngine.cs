using HookGuard.Config;
using HookGuard.Findings;

namespace HookGuard.Policy;

/// <summary>Why a finding does not block.</summary>
public sealed record AllowedFinding(Finding Finding, string Why);

public sealed record PolicyResult(IReadOnlyList<Finding> Blocking, IReadOnlyList<AllowedFinding> Allowed);

/// <summary>
/// Decides which findings block: reviewed allowlist comments on the line or the line above, reviewed
/// fingerprints in the config, and the baseline. (Per-rule path scopes act earlier, in the matcher.)
/// </summary>
public sealed class PolicyEngine
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
            var why = AllowedBy(finding);
            if (why is null) blocking.Add(finding);
            else allowed.Add(new AllowedFinding(finding, why));
        }
        return new PolicyResult(blocking, allowed);
    }

    private string? AllowedBy(Finding finding)
    {
        foreach (var line in (ReadOnlySpan<string?>)[finding.LineText, finding.LineAbove])
        {
            if (line is null || !AllowComment.TryParse(line, out var comment) || !comment.AppliesTo(finding.Rule.Id)) continue;
            var problem = comment.Problem(_config.Reviewers);
            if (problem is null) return $"allowlist comment: {comment.Reason} (reviewed by {comment.Reviewer})";
            finding.AllowProblem = problem;
        }
        foreach (var entry in _config.Fingerprints)
            if (entry.Fingerprint == finding.Fingerprint) return $"allowlist fingerprint: {entry.Reason} (reviewed by {entry.Reviewer})";
        if (_baseline?.Contains(finding.Fingerprint) == true) return "in the baseline";
        return null;
    }
}
