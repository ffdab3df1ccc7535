using HookGuard.Findings;
using HookGuard.Platform;

namespace HookGuard.Reporting;

/// <summary>
/// What a blocked person adds once a finding is reviewed: the exact allow comment, bound to the secret
/// by its short fingerprint, or, for files that cannot hold a comment (JSON, key files), the
/// `hookguard allow` command with the whole fingerprint.
/// </summary>
internal static class AllowInstructions
{
    private const int MaxListed = 10;
    private static readonly HashSet<string> NoComments = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".jsonl", ".ndjson", ".ipynb", ".har", ".csv", ".tsv",
        ".pem", ".key", ".crt", ".cer", ".der", ".p8", ".pk8", ".ppk", ".pub", ".asc",
    };

    /// <summary>Whether a comment can be put next to the finding: not in a file's name, not in a comment-less format, not inside a PEM key.</summary>
    public static bool CanHoldComment(Finding f) =>
        !f.InFileName && !NoComments.Contains(Path.GetExtension(f.Path)) && !PrivateKeyMaterial.IsPemKey(f.Secret);

    public static string CommentLine(Finding f) =>
        $"hookguard:allow {TerminalText.Escape(f.Rule.Id)} fp={Fingerprints.Short(f.Fingerprint)} reason=\"<why it is not live>\" reviewed-by=<name>";

    public static string AllowCommand(Finding f) =>
        $"hookguard allow {f.Fingerprint} --reason \"<why it is not live>\" --reviewed-by <name>";

    public static void Write(IReadOnlyList<Finding> findings, TextWriter o, Action<TextWriter, string, string> wrap)
    {
        var distinct = findings.DistinctBy(f => (f.Path, f.Line, f.Rule.Id, f.Fingerprint)).ToList();
        var comments = distinct.Where(CanHoldComment).ToList();
        var entries = distinct.Where(f => !CanHoldComment(f)).ToList();
        if (comments.Count > 0)
        {
            wrap(o, "", "Not a live secret (a revoked key, a test fixture)? Have it reviewed, then put this in a comment on its line " +
                "(or on a comment line of its own just above it); fp= binds it to this secret:");
            List(comments, o, CommentLine);
        }
        if (entries.Count > 0)
        {
            wrap(o, "", "Not a live secret, in a file that cannot hold a comment? Have it reviewed, then allow its fingerprint " +
                "in .hookguard.yaml:");
            List(entries, o, AllowCommand);
        }
    }

    private static void List(List<Finding> findings, TextWriter o, Func<Finding, string> line)
    {
        if (findings.Count == 1)
        {
            o.WriteLine("  " + line(findings[0]));
            return;
        }
        foreach (var f in findings.Take(MaxListed))
        {
            o.WriteLine($"  for {TerminalText.Escape(f.Path)}:{f.Line}:");
            o.WriteLine("  " + line(f));
        }
        if (findings.Count > MaxListed)
            o.WriteLine($"  … and {findings.Count - MaxListed} more (every fingerprint is in --format json)");
    }
}
