using HookGuard.Config;
using HookGuard.Findings;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Sources;
using HookGuard.Yaml;

namespace HookGuard.Scanning;

/// <summary>
/// HookGuard's own files are scanned like every other file: a token placed in `.hookguard.yaml` or in
/// the baseline blocks. The one exception is a baseline exactly as HookGuard writes it (fingerprints,
/// rule ids, paths, lines, commits): a match there is HookGuard's own record, not a secret.
/// </summary>
internal static class OwnFiles
{
    public static List<Finding> LeaveOutWrittenBaseline(List<Finding> findings, RepoContext ctx, bool staged)
    {
        var path = ctx.Policy.BaselinePath;
        if (!findings.Any(f => f.Path == path)) return findings;
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        return findings.Where(f => f.Path != path || !IsWrittenBaseline(ctx, staged, f, verdicts)).ToList();
    }

    /// <summary>The version of the baseline this finding was in, judged once per version.</summary>
    private static bool IsWrittenBaseline(RepoContext ctx, bool staged, Finding finding, Dictionary<string, bool> verdicts)
    {
        var version = finding.Commit?.Sha ?? (staged ? ":staged" : ":working-tree");
        if (verdicts.TryGetValue(version, out var verdict)) return verdict;
        string? text;
        try
        {
            var path = ctx.Policy.BaselinePath;
            text = (ctx.Repository, finding.Commit) switch
            {
                ({ } repo, { } commit) => RevisionFiles.Read(repo, commit.Sha, path, path, PolicyFile.MaxBaselineBytes)?.Text,
                ({ } repo, null) when staged => RevisionFiles.ReadStaged(repo, path, path, PolicyFile.MaxBaselineBytes)?.Text,
                _ => PolicyFile.ReadWorkingCopy(ctx.Root, path, path, PolicyFile.MaxBaselineBytes),
            };
        }
        catch (Exception e) when (e is ConfigException or GitException or IOException or UnauthorizedAccessException)
        {
            text = null; // unreadable as a baseline: its findings stand
        }
        return verdicts[version] = text is not null && Baseline.IsExactlyWritten(text);
    }
}
