using System.Text;
using System.Text.Json;
using HookGuard.Cli.CommandLine;
using HookGuard.Findings;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

/// <summary>
/// `baseline import`: another scanner's record of accepted findings (.gitleaksignore, detect-secrets'
/// .secrets.baseline) turned into HookGuard baseline entries. Their fingerprints are not HookGuard's
/// (other rule ids, other hashing), so nothing is copied: the working tree is scanned and each finding
/// that stands where an imported entry points (same file and line; for detect-secrets, the same secret
/// by its SHA-1) is recorded with HookGuard's own fingerprint. Entries that match no finding are listed.
/// </summary>
internal static class BaselineImport
{
    public static readonly CommandSpec Spec = new("baseline import",
        "Reads .gitleaksignore and .secrets.baseline (or the files given) and records, in HookGuard's baseline, the findings of a scan " +
        "that stand where their entries point. Their fingerprints differ from HookGuard's, so entries are re-derived, never copied; " +
        "detect-secrets entries marked is_secret: true are not imported.",
        [CommonOptions.Config], "[FILE ...]");

    private static readonly string[] ForeignFiles = [".gitleaksignore", ".secrets.baseline"];

    private sealed record ForeignEntry(string Source, string Path, int Line, string? Sha1);

    public static int Run(ParsedArgs args)
    {
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false);
        var files = args.Positionals.Count > 0 ? args.Positionals.ToList()
            : ForeignFiles.Select(f => Path.Combine(ctx.Root, f)).Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new UsageException($"no .gitleaksignore or .secrets.baseline in {ctx.Root}; name the file to import");
        var entries = new List<ForeignEntry>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new UsageException($"no such file: {file}");
            entries.AddRange(Path.GetFileName(file).EndsWith(".baseline", StringComparison.Ordinal) || File.ReadAllText(file).TrimStart().StartsWith('{')
                ? DetectSecrets(file) : Gitleaks(file));
        }
        var findings = ScanRunner.Run(ctx, ScanSource.TrackedFiles).AllFindings;
        var matched = new List<Finding>();
        var unmatched = new List<ForeignEntry>();
        foreach (var entry in entries)
        {
            var hits = findings.Where(f => f.Path == entry.Path && (entry.Sha1 is null ? f.Line == entry.Line : Sha1(f.Secret) == entry.Sha1)).ToList();
            if (hits.Count == 0) unmatched.Add(entry);
            matched.AddRange(hits);
        }
        var old = ctx.Baseline?.Entries ?? [];
        var added = Baseline.FromFindings(matched).Entries.Where(e => old.All(o => o.Fingerprint != e.Fingerprint)).DistinctBy(e => e.Fingerprint).ToList();
        new Baseline(old.Concat(added)).Save(ctx.BaselinePath);
        Console.WriteLine($"hookguard: imported {entries.Count - unmatched.Count} of {entries.Count} entries as {added.Count} new baseline entr{(added.Count == 1 ? "y" : "ies")} in {Path.GetFileName(ctx.BaselinePath)}");
        Console.WriteLine("hookguard: other scanners' fingerprints are not HookGuard's, so each entry was re-derived: the finding at its file and line (detect-secrets: the same secret) is recorded with HookGuard's fingerprint");
        foreach (var entry in unmatched)
            Console.WriteLine($"hookguard:   not imported: {entry.Path}:{entry.Line} ({entry.Source}): HookGuard finds nothing there");
        return ExitCodes.Clean;
    }

    /// <summary>gitleaks' fingerprints: `[COMMIT:]FILE:RULE:LINE`, one a line, `#` comments.</summary>
    private static IEnumerable<ForeignEntry> Gitleaks(string file)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(':');
            if (parts.Length < 3 || !int.TryParse(parts[^1], out var at))
                throw new UsageException($"{file}:{number}: not a gitleaks fingerprint (COMMIT:FILE:RULE:LINE or FILE:RULE:LINE)");
            // A file name may hold ':'; the commit, when there is one, is 40 hex digits.
            var first = parts.Length >= 4 && parts[0].Length == 40 && parts[0].All(Uri.IsHexDigit) ? 1 : 0;
            yield return new ForeignEntry($"{Path.GetFileName(file)}:{number}", string.Join(':', parts[first..^2]), at, null);
        }
    }

    /// <summary>detect-secrets' baseline: results by file, each with line_number and the secret's SHA-1.</summary>
    private static List<ForeignEntry> DetectSecrets(string file)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(file)); }
        catch (JsonException e) { throw new UsageException($"{file}:{e.LineNumber + 1}: not valid JSON: {e.Message}"); }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{file}: no \"results\" object (not a detect-secrets baseline?)");
            var list = new List<ForeignEntry>();
            foreach (var byFile in results.EnumerateObject())
                foreach (var result in byFile.Value.EnumerateArray())
                {
                    if (result.TryGetProperty("is_secret", out var isSecret) && isSecret.ValueKind == JsonValueKind.True) continue;
                    var line = result.TryGetProperty("line_number", out var n) && n.TryGetInt32(out var v) ? v : 0;
                    var sha1 = result.TryGetProperty("hashed_secret", out var h) ? h.GetString() : null;
                    list.Add(new ForeignEntry(Path.GetFileName(file), byFile.Name, line, sha1));
                }
            return list;
        }
    }

    private static string Sha1(string secret) => Convert.ToHexStringLower(ManagedSha1.Hash(Encoding.UTF8.GetBytes(secret)));
}
