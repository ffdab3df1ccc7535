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
    /// <summary>Whether the line above was added by the same change (so a comment there was written together with this line).</summary>
    public bool LineAboveAdded { get; init; }
    public CommitInfo? Commit { get; init; }
    /// <summary>
    /// What identifies the secret when it is not the match itself: a private key's body (every key of a
    /// type shares its header). Set before the fingerprint is first asked for.
    /// </summary>
    public string? KeyMaterial { get; set; }
    /// <summary>Whether this is a PEM private key header whose body is still to be read from the following lines.</summary>
    public bool NeedsKeyBody => KeyMaterial is null && PrivateKeyMaterial.IsPemKey(Secret);
    /// <summary>Every secret any rule matched on this line (0-based char spans), whatever their verdict: all are masked when the line is printed.</summary>
    public IReadOnlyList<(int Start, int Length)> MaskSpans { get; set; } = [];
    /// <summary>A generic rule's finding: why the scorer took the value for a credential (one line), and its features (--verbose).</summary>
    public string? Why { get; init; }
    public string? Details { get; init; }
    public string Fingerprint => _fingerprint ??= _pathInFingerprint
        ? Fingerprints.Of(Rule.Id, KeyMaterial ?? Secret, Path)
        : Fingerprints.Of(Rule.Id, KeyMaterial ?? Secret);
    /// <summary>The retired scheme-1 fingerprint, to recognise entries written with it.</summary>
    public string LegacyFingerprint => Fingerprints.Legacy(Rule.Id, Secret, _pathInFingerprint ? Path : null);
    /// <summary>Why an allowlist comment near the finding did not allow it, so the report can say what to add.</summary>
    public string? AllowProblem { get; set; }

    private string? _fingerprint;
    private bool _pathInFingerprint;

    /// <summary>Binds the fingerprint to the file too (allowlist.pathInFingerprint): the same secret in another file is a new finding.</summary>
    public void IncludePathInFingerprint()
    {
        _pathInFingerprint = true;
        _fingerprint = null;
    }

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
