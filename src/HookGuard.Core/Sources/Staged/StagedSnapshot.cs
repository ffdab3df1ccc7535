using System.Text;
using HookGuard.GitStore;

namespace HookGuard.Sources.Staged;

/// <summary>
/// The staged change read by HookGuard itself (index, HEAD's tree, objects) instead of by a `git diff`
/// process, whose start a commit would wait for before a line is read. It hands on what <see cref="PatchReader"/>
/// hands on from git's patch (with <see cref="DiffArguments.Patch"/>): the same files, added lines and
/// one line of context around each change, and the same <see cref="ChangeSummary"/>. Wherever the
/// change holds something it does not fully understand it gives up (null) and git produces the diff,
/// before a line was scanned. A change of a few MB is prepared whole before anything is handed on; a
/// bigger one is read on a thread of its own while the calling thread scans what was read (git's
/// advantage was a core of its own), and a file met there that cannot be read as git would is handed
/// on, with the files after it, by git (<see cref="HandedOn"/>).
/// </summary>
internal sealed class StagedSnapshot : IDisposable
{
    /// <summary>
    /// Up to this much content (new and old versions, as the index's sizes tell before anything is read)
    /// the change is prepared whole on the calling thread: a thread would cost more than it saves.
    /// </summary>
    public const long MaxContentBytes = 4L << 20;

    /// <summary>
    /// Beyond this size of one file's versions (new, and old when modified) the change goes to git, which
    /// streams it: the reading thread holds a file's versions and the line tables of their diff, the queue
    /// at most <see cref="ReadAheadBytes"/> more, and peak memory stays under ~60 MB whatever the change
    /// (bench/results/2026-12-02-vm-046209e-memory.md).
    /// </summary>
    public const long MaxFileBytes = 8L << 20;

    private const long ReadAheadBytes = 8L << 20;

    private readonly PreparedFileQueue _files;
    private readonly HashSet<string> _handedOn = new(StringComparer.Ordinal);

    private StagedSnapshot(PreparedFileQueue files) => _files = files;

    /// <param name="repo">A repository git's own rules settle without git (<see cref="Repository.FindWithoutGit"/>): its root is where the command runs.</param>
    public static StagedSnapshot? TryTake(Repository repo)
    {
        try { return Take(repo); }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { return null; }
    }

    private static StagedSnapshot? Take(Repository repo)
    {
        if (InProcessReadGate.RepositoryRefusal(repo) is { } refusal)
        {
            GitFallback.Note("staged change: " + refusal);
            return null;
        }
        var indexPath = Environment.GetEnvironmentVariable("GIT_INDEX_FILE") is { Length: > 0 } named
            ? Path.GetFullPath(named, repo.Root)
            : Path.Combine(repo.GitDir, "index");
        var objects = new ObjectDatabase(Path.Combine(repo.GitDir, "objects"));
        var readOnThread = false;
        try
        {
            if (Changes(repo, indexPath, objects) is not { } changes) return null;
            var scanned = changes.Where(c => c.IsScanned).ToList();
            if (scanned.Sum(VersionsSize) <= MaxContentBytes) return PreparedWhole(changes, objects);
            if (scanned.Any(c => VersionsSize(c) > MaxFileBytes)) return null;
            var snapshot = ReadOnThread(changes, objects);
            readOnThread = true;
            return snapshot;
        }
        finally
        {
            if (!readOnThread) objects.Dispose();
        }
    }

    /// <summary>A changed file's new and old versions together, as the index's size tells before anything is read.</summary>
    private static long VersionsSize(FileChange change) => change.OldId is null ? change.StagedSize : 2 * change.StagedSize;

    /// <summary>Every file prepared before anything is handed on: null (git's diff) when one cannot be read as git would.</summary>
    private static StagedSnapshot? PreparedWhole(List<FileChange> changes, ObjectDatabase objects)
    {
        var whole = new PreparedFileQueue(long.MaxValue);
        StagedFileReader.ReadAll(changes, objects, whole, budget: 2 * MaxContentBytes, budgetPerFile: false);
        return whole.GaveUp ? null : new StagedSnapshot(whole);
    }

    /// <summary>The files read on a thread that owns the object database from now on, at most <see cref="ReadAheadBytes"/> ahead.</summary>
    private static StagedSnapshot ReadOnThread(List<FileChange> changes, ObjectDatabase objects)
    {
        var streamed = new PreparedFileQueue(ReadAheadBytes);
        new Thread(() =>
        {
            try { StagedFileReader.ReadAll(changes, objects, streamed, budget: 2 * MaxFileBytes, budgetPerFile: true); }
            finally { objects.Dispose(); }
        }) { IsBackground = true, Name = "staged read" }.Start();
        return new StagedSnapshot(streamed);
    }

    /// <summary>The changed files, when git's patch would hold nothing but their added lines as read here (see <see cref="InProcessReadGate"/>).</summary>
    private static List<FileChange>? Changes(Repository repo, string indexPath, ObjectDatabase objects)
    {
        using var index = IndexFile.Read(indexPath);
        if (index is null)
        {
            GitFallback.Note("staged change: the index is of a kind or in a state this reader leaves to git");
            return null;
        }
        if (!HeadRef.TryResolve(repo.GitDir, out var head))
        {
            GitFallback.Note("staged change: HEAD does not resolve in-process");
            return null;
        }
        if (StagedChanges.Compute(index, objects, head) is not { } changes)
        {
            GitFallback.Note("staged change: the index holds what git must decide (unmerged, intent-to-add, sparse, a possible rename, a size over the limits)");
            return null;
        }
        // A loop, not Where().Select(): the latter is a generic virtual call the runtime resolves on first use, in every hook.
        var scannedPaths = new List<string>();
        foreach (var change in changes)
            if (change.IsScanned) scannedPaths.Add(Encoding.UTF8.GetString(change.Path));
        var stagedAttributes = StagedAttributeFiles(index);
        if (InProcessReadGate.AttributesRefusal(repo, scannedPaths, (string name, out byte[]? content) => TryReadStaged(stagedAttributes, objects, name, out content)) is not { } refusal)
            return changes;
        GitFallback.Note("staged change: " + refusal);
        return null;
    }

    /// <summary>
    /// Hands the change on as <see cref="PatchReader"/> would from git's patch of it; false when the
    /// reader gave up part-way: git's patch then gives the files not in <see cref="HandedOn"/>.
    /// </summary>
    public bool Emit(IPatchSink sink, ChangeSummary? summary)
    {
        while (_files.TryTake(out var file))
        {
            _handedOn.Add(file.Path);
            summary?.Add(file.Path, file.OldId, file.NewId);
            if (file.Binary) sink.BinaryFile(file.Path);
            else if (file.Lines is { } lines && (file.Diff is not null || lines.Count > 0))
            {
                if (sink.BeginFile(file.Path)) EmitLines(sink, lines, file.Diff);
            }
            else if (file.Lines is not null && file.Diff is null) sink.NewName(file.Path); // a new empty file
        }
        return !_files.GaveUp;
    }

    /// <summary>The paths of the files handed on so far.</summary>
    public IReadOnlySet<string> HandedOn => _handedOn;

    /// <summary>Stops a reading thread that is still at work (the scan ended early).</summary>
    public void Dispose() => _files.Cancel();

    /// <summary>The index's .gitattributes files by path, with their blob ids: one pass, however many folders are asked about.</summary>
    private static Dictionary<string, byte[]> StagedAttributeFiles(IndexFile index)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in index)
            if (entry.Path.EndsWith(".gitattributes"u8) && (entry.Path.Length == ".gitattributes".Length || entry.Path[^(".gitattributes".Length + 1)] == (byte)'/'))
                files[Encoding.UTF8.GetString(entry.Path)] = entry.Id.ToArray();
        return files;
    }

    /// <summary>A staged .gitattributes file's content (null: not staged), for folders where the work tree has none; false when unreadable.</summary>
    private static bool TryReadStaged(Dictionary<string, byte[]> stagedAttributes, ObjectDatabase objects, string name, out byte[]? content)
    {
        content = null;
        if (!stagedAttributes.TryGetValue(name, out var id)) return true;
        if (objects.Read(id) is not { Kind: GitObjectKind.Blob } blob) return false;
        content = blob.Content;
        return true;
    }

    /// <summary>
    /// The new version's lines in order: added ones, and unchanged ones next to a change, as the hunks
    /// of a one-line-context patch hold them. Deleted lines are not handed on.
    /// </summary>
    internal static void EmitLines(IPatchSink sink, TextLines lines, LineDiff? diff)
    {
        if (diff is null)
        {
            for (var j = 0; j < lines.Count; j++) sink.Line(j + 1, lines.Text(j), added: true);
            return;
        }
        // The edit script in patch order: at each point deletions, then additions, then the kept line.
        var script = new List<int>(); // j >= 0: kept new line j; -1: a deletion; -(j + 2): added new line j
        int i = 0, n = diff.Deleted.Length, m = diff.Added.Length;
        for (var j = 0; i < n || j < m;)
        {
            if (i < n && diff.Deleted[i])
            {
                script.Add(-1);
                i++;
            }
            else if (j < m && diff.Added[j])
            {
                script.Add(-(j + 2));
                j++;
            }
            else
            {
                script.Add(j);
                i++;
                j++;
            }
        }
        for (var k = 0; k < script.Count; k++)
        {
            var item = script[k];
            if (item <= -2) sink.Line(-item - 1, lines.Text(-item - 2), added: true);
            else if (item >= 0 && (k > 0 && script[k - 1] < 0 || k + 1 < script.Count && script[k + 1] < 0))
                sink.Line(item + 1, lines.Text(item), added: false);
        }
    }
}
