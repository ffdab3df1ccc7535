using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Policy;
using HookGuard.Rules;

namespace HookGuard.Reporting;

/// <summary>`rules list --format json`: one entry per rule in force.</summary>
internal sealed record RuleListEntry(string Id, string Name, string Provider, string Severity, string Docs);

/// <summary>`allowlist list --format json`: the allow comments in tracked files and the fingerprint entries of .hookguard.yaml.</summary>
internal sealed record AllowlistDocument(IReadOnlyList<AllowlistComment> Comments, IReadOnlyList<AllowlistFingerprint> Fingerprints);

internal sealed record AllowlistComment(string Path, int Line, string RuleId, string? Reason, string? ReviewedBy, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem);

internal sealed record AllowlistFingerprint(string Fingerprint, string? Reason, string? ReviewedBy, string Status);

/// <summary>The list commands' JSON documents (docs/DESIGN.md), written through the generated serializer.</summary>
internal static class ListDocuments
{
    public static string Rules(IEnumerable<Rule> rules) => JsonSerializer.Serialize(
        [.. rules.Select(r => new RuleListEntry(r.Id, r.Name, r.Provider, r.Severity.ToString().ToLowerInvariant(), r.Remediation.Docs))],
        ReportJsonContext.Default.IReadOnlyListRuleListEntry);

    public static string Allowlist(IEnumerable<AllowCommentEntry> comments, IEnumerable<FingerprintEntry> fingerprints) => JsonSerializer.Serialize(
        new AllowlistDocument(
            [.. comments.Select(c => new AllowlistComment(c.Path, c.Line, c.Comment.RuleId, c.Comment.Reason, c.Comment.Reviewer, Word(c.Status), c.Problem))],
            [.. fingerprints.Select(f => new AllowlistFingerprint(f.Allow.Fingerprint, f.Allow.Reason, f.Allow.Reviewer, Word(f.Status)))]),
        ReportJsonContext.Default.AllowlistDocument);

    public static string Word(AllowStatus status) => status.ToString().ToLowerInvariant();
}
