using HookGuard.Rules;

namespace HookGuard.Findings;

/// <summary>
/// A secret in an added line. The secret is kept for fingerprints and redaction only; no reporter
/// prints it unless the user asked for --show-secrets.
/// </summary>
internal sealed class Finding
{
    public required Rule Rule { get; init; }
    /// <summary>Repository-relative (or scan-root-relative) with '/' separators.</summary>
    public required string Path { get; init; }
    /// <summary>1-based, in the new version of the file.</summary>
    public required int Line { get; init; }
    /// <summary>The line number of a secret in a file's name: the name stands in for the line.</summary>
    public const int FileNameLine = 0;
    /// <summary>Whether the secret is in the file's name (line 0), which can hold no allow comment.</summary>
    public bool InFileName => Line == FileNameLine;
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
    public string Fingerprint => _fingerprint ??= PathInFingerprint
        ? Fingerprints.Of(Rule.Id, KeyMaterial ?? Secret, Path)
        : Fingerprints.Of(Rule.Id, KeyMaterial ?? Secret);
    /// <summary>The retired scheme-1 fingerprint, to recognise entries written with it.</summary>
    public string LegacyFingerprint => Fingerprints.Legacy(Rule.Id, Secret, PathInFingerprint ? Path : null);
    /// <summary>Why an allowlist comment near the finding did not allow it, so the report can say what to add (the policy's verdict).</summary>
    public string? AllowProblem { get; init; }
    /// <summary>Whether the fingerprint binds the file too (allowlist.pathInFingerprint): the same secret in another file is a new finding.</summary>
    public bool PathInFingerprint { get; init; }

    private string? _fingerprint;

    /// <summary>This finding with its fingerprint bound to its file too.</summary>
    public Finding WithPathInFingerprint() => PathInFingerprint ? this : Copy(pathInFingerprint: true, AllowProblem);

    /// <summary>This finding as the policy blocks it, saying why an allowlist entry near it did not allow it.</summary>
    public Finding WithAllowProblem(string? problem) => problem == AllowProblem ? this : Copy(PathInFingerprint, problem);

    private Finding Copy(bool pathInFingerprint, string? allowProblem) => new()
    {
        Rule = Rule,
        Path = Path,
        Line = Line,
        Column = Column,
        Secret = Secret,
        Entropy = Entropy,
        LineText = LineText,
        LineAbove = LineAbove,
        LineAboveAdded = LineAboveAdded,
        Commit = Commit,
        KeyMaterial = KeyMaterial,
        MaskSpans = MaskSpans,
        Why = Why,
        Details = Details,
        AllowProblem = allowProblem,
        PathInFingerprint = pathInFingerprint,
        // The fingerprint is slow by design: a copy that keeps the same inputs keeps it.
        _fingerprint = pathInFingerprint == PathInFingerprint ? _fingerprint : null,
    };
}
