using System.Text;
using System.Text.Json;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Policy;

namespace HookGuard.Audit;

/// <summary>
/// One commit that pre-commit never saw, with what its scan found (never secrets). <see cref="How"/>
/// says how it was made: `--no-verify`, `merge --no-verify`, `cherry-pick`, `revert` (git runs no
/// pre-commit for those) or `rebase`; <see cref="AmendedFrom"/> the commit it was recorded as before an
/// amend replaced it (the recorded content lives on in this one).
/// </summary>
internal sealed record BypassEntry(string Commit, string Author, string Subject, DateTimeOffset Time, IReadOnlyList<BaselineEntry> Findings)
{
    public string How { get; init; } = "--no-verify";

    public string? AmendedFrom { get; init; }
}

/// <summary>What pre-commit passed: its change's <see cref="ChangeSummary.Mark"/> and git's patch's hash ("" when it read the change itself).</summary>
internal sealed record ScanMark(string Summary, string Patch);

/// <summary>
/// The bypass audit, kept under the git directory (per worktree, never committed): pre-commit leaves the
/// mark of the change it passed; post-commit compares the commit with it, and a commit whose change was
/// not passed is recorded as a bypass.
/// </summary>
internal sealed class BypassLog(Repository repo)
{
    private string Folder => Path.Combine(repo.GitDir, "hookguard");
    private string MarkerPath => Path.Combine(Folder, "pre-commit-passed");
    private string LogPath => Path.Combine(Folder, "bypasses.jsonl");

    /// <summary>Best effort: a read-only git directory must not turn a clean commit into a failed one.</summary>
    public void MarkScanned(ScanMark passed)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            // A fresh file, not an overwrite: FileMode.Create truncates, which costs ext4 a journal
            // transaction on every commit. post-commit deletes the mark; a stale one goes first.
            File.Delete(MarkerPath);
            using var mark = File.OpenHandle(MarkerPath, FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(mark, Encoding.UTF8.GetBytes($"{passed.Summary}\n{passed.Patch}\n"), 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // post-commit will then record this commit as unscanned: a false alarm, never a missed secret.
        }
    }

    /// <summary>What pre-commit passed last, used up by reading it; null when nothing was passed since.</summary>
    public ScanMark? ConsumeMark()
    {
        if (!File.Exists(MarkerPath)) return null;
        var lines = File.ReadAllText(MarkerPath).Split('\n');
        File.Delete(MarkerPath);
        return lines.Length >= 2 ? new ScanMark(lines[0], lines[1]) : null;
    }

    public void Record(BypassEntry entry)
    {
        Directory.CreateDirectory(Folder);
        File.AppendAllText(LogPath, JsonSerializer.Serialize(ToRecord(entry), BypassLogJsonContext.Default.BypassRecord) + "\n");
    }

    /// <summary>The entries as `hookguard audit --format json` lists them: an indented array of the log's lines.</summary>
    public static string ToJson(IEnumerable<BypassEntry> entries) =>
        JsonSerializer.Serialize(entries.Select(ToRecord).ToList(), BypassLogJsonContext.Indented.ListBypassRecord);

    private static BypassRecord ToRecord(BypassEntry entry) => new(entry.Commit, entry.Author, entry.Subject, entry.Time, entry.How, entry.AmendedFrom,
        [.. entry.Findings.Select(f => new BypassRecordFinding(f.RuleId, f.Path, f.Line, f.Fingerprint))]);

    private static BypassEntry FromRecord(BypassRecord record) =>
        new(record.Commit, record.Author, record.Subject, record.Time, [.. record.Findings.Select(f => new BaselineEntry(f.Fingerprint, f.RuleId, f.Path, f.Line, null))])
        {
            How = record.How ?? "--no-verify",
            AmendedFrom = record.AmendedFrom,
        };

    public List<BypassEntry> Entries()
    {
        if (!File.Exists(LogPath)) return [];
        return [.. File.ReadLines(LogPath).Where(l => l.Length > 0)
            .Select(line => FromRecord(JsonSerializer.Deserialize(line, BypassLogJsonContext.Default.BypassRecord) ?? throw new JsonException("a null entry")))];
    }

    /// <summary>
    /// After `git commit --amend` of a recorded commit: its entry now names the new commit, which holds
    /// what it added (pre-commit scanned only the amend's own change), and says which it replaced. Costs
    /// nothing while nothing is recorded.
    /// </summary>
    public void FollowAmend()
    {
        if (!File.Exists(LogPath)) return;
        if (HookGuard.GitStore.ReflogEntry.NewestOfHead(repo.GitDir) is not { } newest
            || !newest.Message.StartsWith("commit (amend)", StringComparison.Ordinal)) return;
        var replaced = Convert.ToHexStringLower(newest.Old);
        var entries = Entries();
        if (!entries.Any(e => e.Commit == replaced)) return;
        var amended = Convert.ToHexStringLower(newest.New);
        var lines = entries.Select(entry => JsonSerializer.Serialize(
            ToRecord(entry.Commit == replaced ? entry with { Commit = amended, AmendedFrom = entry.AmendedFrom ?? replaced } : entry),
            BypassLogJsonContext.Default.BypassRecord) + "\n");
        File.WriteAllText(LogPath + ".new", string.Concat(lines));
        File.Move(LogPath + ".new", LogPath, overwrite: true);
    }

    public static BypassEntry Entry(CommitInfo commit, IEnumerable<Finding> findings, string how = "--no-verify") =>
        new(commit.Sha, commit.Author, commit.Subject, DateTimeOffset.UtcNow, Baseline.FromFindings(findings).Entries) { How = how };
}
