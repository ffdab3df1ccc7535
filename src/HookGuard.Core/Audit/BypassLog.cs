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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Write(json, entry);
        File.AppendAllText(LogPath, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    /// <summary>One entry as JSON: the log's line format, and what `hookguard audit --format json` lists.</summary>
    public static void Write(Utf8JsonWriter json, BypassEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("commit", entry.Commit);
        json.WriteString("author", entry.Author);
        json.WriteString("subject", entry.Subject);
        json.WriteString("time", entry.Time);
        json.WriteString("how", entry.How);
        if (entry.AmendedFrom is not null) json.WriteString("amendedFrom", entry.AmendedFrom);
        json.WriteStartArray("findings");
        foreach (var f in entry.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", f.RuleId);
            json.WriteString("path", f.Path);
            json.WriteNumber("line", f.Line);
            json.WriteString("fingerprint", f.Fingerprint);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public List<BypassEntry> Entries()
    {
        if (!File.Exists(LogPath)) return [];
        var entries = new List<BypassEntry>();
        foreach (var line in File.ReadLines(LogPath).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var findings = e.GetProperty("findings").EnumerateArray().Select(f => new BaselineEntry(
                f.GetProperty("fingerprint").GetString()!, f.GetProperty("ruleId").GetString()!, f.GetProperty("path").GetString()!,
                f.GetProperty("line").GetInt32(), null)).ToList();
            entries.Add(new BypassEntry(e.GetProperty("commit").GetString()!, e.GetProperty("author").GetString()!,
                e.GetProperty("subject").GetString()!, e.GetProperty("time").GetDateTimeOffset(), findings)
            {
                How = e.TryGetProperty("how", out var how) && how.GetString() is { } h ? h : "--no-verify",
                AmendedFrom = e.TryGetProperty("amendedFrom", out var from) ? from.GetString() : null,
            });
        }
        return entries;
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
        using var buffer = new MemoryStream();
        foreach (var entry in entries)
        {
            using (var json = new Utf8JsonWriter(buffer))
                Write(json, entry.Commit == replaced ? entry with { Commit = amended, AmendedFrom = entry.AmendedFrom ?? replaced } : entry);
            buffer.WriteByte((byte)'\n');
        }
        File.WriteAllBytes(LogPath + ".new", buffer.ToArray());
        File.Move(LogPath + ".new", LogPath, overwrite: true);
    }

    public static BypassEntry Entry(CommitInfo commit, IEnumerable<Finding> findings, string how = "--no-verify") =>
        new(commit.Sha, commit.Author, commit.Subject, DateTimeOffset.UtcNow, Baseline.FromFindings(findings).Entries) { How = how };
}
