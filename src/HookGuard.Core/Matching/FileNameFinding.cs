using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>
/// A secret in a file's name (a key saved as `AKIA….json`): git stores the name in the tree, so it
/// leaks like a line does. Reported at line 0, the name standing in for the line; the path the finding
/// carries has every matched secret masked, so no report, baseline or log prints it; a file-name rule's
/// match (a keystore: the file is the credential, its name is not secret) stays readable.
/// </summary>
internal static class FileNameFinding
{
    public const int Line = Finding.FileNameLine;

    public static IEnumerable<Finding> From(IReadOnlyList<SecretMatch> matches, string path, CommitInfo? commit)
    {
        var masked = Masked(path, matches);
        var spans = matches.Select(m => (m.Start, m.Length)).ToList();
        foreach (var match in matches)
        {
            var finding = MatchedFinding.From(match, masked, Line, path, lineAbove: null, commit);
            finding.MaskSpans = spans;
            yield return finding;
        }
    }

    private static string Masked(string path, IReadOnlyList<SecretMatch> matches)
    {
        var chars = path.ToCharArray();
        foreach (var m in matches.Where(m => !m.Rule.FileName)) chars.AsSpan(m.Start, Math.Min(m.Length, chars.Length - m.Start)).Fill('*');
        // Runs of masked characters shrink to four, so the name's shape gives away no length either.
        return System.Text.RegularExpressions.Regex.Replace(new string(chars), @"\*{4,}", "****");
    }
}
