using HookGuard.Matching;
using HookGuard.Rules;

namespace HookGuard.Findings;

/// <summary>
/// A secret in an added line. The secret is kept for fingerprints and redaction only; no reporter
/// prints it unless the user asked for --show-secrets.
/// </summary>
public sealed class Finding
{
    public required Rule Rule { get; init; }
    /// <summary>Repository-relative (or scan-root-relative) with '/' separators.</summary>
    public required string Path { get; init; }
    /// <summary>1-based, in the new version of the file.</summary>
    public required int Line { get; init; }
    /// <summary>1-based first column of the secret.</summary>
    public required int Column { get; init; }
    /// <summary>1-based column just past the secret.</summary>
    public int EndColumn => Column + Secret.Length;
    public required string Secret { get; init; }
    public required double Entropy { get; init; }
    public required string LineText { get; init; }
    /// <summary>The line directly above in the new file, when known: an allowlist comment may stand there.</summary>
    public string? LineAbove { get; init; }
    public CommitInfo? Commit { get; init; }
    /// <summary>A generic rule's finding: why the scorer took the value for a credential (one line), and its features (--verbose).</summary>
    public string? Why { get; init; }
    public string? Details { get; init; }
    public string Fingerprint => _fingerprint ??= Fingerprints.Of(Rule.Id, Secret);
    /// <summary>Why an allowlist comment near the finding did not allow it, so the report can say what to add.</summary>
    public string? AllowProblem { get; set; }

    private string? _fingerprint;

    /// <summary>Binds the fingerprint to the file too (allowlist.pathInFingerprint): the same secret in another file is a new finding.</summary>
    public void IncludePathInFingerprint() => _fingerprint = Fingerprints.Of(Rule.Id, Secret, Path);

    public static Finding From(SecretMatch match, string path, int line, string lineText, string? lineAbove, CommitInfo? commit) => new()
    {
        Rule = match.Rule,
        Path = path,
        Line = line,
        Column = match.Start + 1,
        Secret = match.Secret,
        Entropy = match.Entropy,
        LineText = lineText,
        LineAbove = lineAbove,
        Commit = commit,
        Why = match.Why,
        Details = match.Details,
    };
}
