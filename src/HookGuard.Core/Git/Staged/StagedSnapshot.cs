using System.Text;
using HookGuard.Git.Store;

namespace HookGuard.Git.Staged;

/// <summary>
/// The staged change read by HookGuard itself (index, HEAD's tree, objects) instead of by a `git diff`
/// process, which costs a commit ~10 ms before a line is read. Everything is prepared before anything
/// is handed on: wherever the reader meets something it does not fully understand it gives up (null)
/// and git produces the diff, before a line was scanned. It hands on what <see cref="PatchReader"/>
/// hands on from git's patch (with <see cref="DiffArguments.Patch"/>): the same files, added lines and
/// one line of context around each change, and the same <see cref="ChangeSummary"/>.
/// </summary>
internal sealed class StagedSnapshot
{
    /// <summary>
    /// Beyond this much content (new and old versions, as the index's sizes tell before anything is
    /// read) the change goes to git, which streams it: memory stays bounded, and past a few MB git's
    /// diff through a pipe is the faster of the two (bench/results/2026-12-01-vm-staged-sizes.md).
    /// </summary>
    public const long MaxContentBytes = 4L << 20;

    // git's buffer_is_binary: a NUL in the first 8000 bytes of either side makes the file "Binary files differ".
    private const int BinarySniffLength = 8000;

    private readonly List<PreparedFile> _files;

    private StagedSnapshot(List<PreparedFile> files) => _files = files;

    public static StagedSnapshot? TryTake(string? workingDirectory)
    {
        try { return Take(workingDirectory ?? Environment.CurrentDirectory); }
        // A pack removed by a concurrent gc, a damaged object or index: git decides (and reports it).
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static StagedSnapshot? Take(string where)
    {
        if (Repository.FindWithoutGit(where) is not { } repo || !StagedDiffGate.AllowsRepository(repo)) return null;
        var indexPath = Environment.GetEnvironmentVariable("GIT_INDEX_FILE") is { Length: > 0 } named
            ? Path.GetFullPath(named, where)
            : Path.Combine(repo.GitDir, "index");
        using var index = IndexFile.Read(indexPath);
        if (index is null || !HeadRef.TryResolve(repo.GitDir, out var head)) return null;
        using var objects = new ObjectDatabase(Path.Combine(repo.GitDir, "objects"));
        if (StagedChanges.Compute(index, objects, head) is not { } changes) return null;

        var scanned = changes.Where(c => c.ContentChanged && c.IsRegularFile).ToList();
        if (scanned.Sum(c => c.OldId is null ? c.StagedSize : 2 * c.StagedSize) > MaxContentBytes) return null;
        var scannedPaths = scanned.Select(c => Encoding.UTF8.GetString(c.Path));
        var stagedAttributes = StagedAttributeFiles(index);
        if (!StagedDiffGate.AllowsAttributes(repo, scannedPaths, (string name, out byte[]? content) => TryReadStaged(stagedAttributes, objects, name, out content))) return null;

        var files = new List<PreparedFile>(changes.Count);
        // The sizes were the files' when staged; a filter (LFS, line endings) may have stored more.
        var budget = 2 * MaxContentBytes;
        foreach (var change in changes)
        {
            if (!change.ContentChanged) continue; // a mode change: git's patch has no index line and no hunk
            if (Prepare(change, objects, ref budget) is not { } file) return null;
            files.Add(file);
        }
        return new StagedSnapshot(files);
    }

    /// <summary>Hands the change on as <see cref="PatchReader"/> would from git's patch of it.</summary>
    public void Emit(IPatchSink sink, ChangeSummary? summary)
    {
        foreach (var file in _files)
        {
            summary?.Add(file.Path, file.OldId, file.NewId);
            if (file.Binary) sink.BinaryFile(file.Path);
            else if (file.Lines is { } lines && (file.Diff is not null || lines.Count > 0) && sink.BeginFile(file.Path))
                EmitLines(sink, lines, file.Diff);
        }
    }

    private static PreparedFile? Prepare(FileChange change, ObjectDatabase objects, ref long budget)
    {
        var path = Encoding.UTF8.GetString(change.Path);
        var oldId = change.OldId is null ? new string('0', 2 * ObjectId.Length) : ObjectId.ToHex(change.OldId);
        var prepared = new PreparedFile(path, oldId, ObjectId.ToHex(change.NewId));
        if (!change.IsRegularFile) return prepared; // symlinks and submodules: listed, not scanned

        if (ReadBlob(objects, change.NewId, ref budget) is not { } content) return null;
        byte[]? old = null;
        if (change.OldId is not null && (old = ReadBlob(objects, change.OldId, ref budget)) is null) return null;
        if (IsBinary(content) || old is not null && IsBinary(old)) return prepared with { Binary = true };

        var lines = new TextLines(content);
        if (old is null) return prepared with { Lines = lines };
        return LineDiff.Compute(new TextLines(old), lines) is { } diff ? prepared with { Lines = lines, Diff = diff } : null;
    }

    private static byte[]? ReadBlob(ObjectDatabase objects, byte[] id, ref long budget)
    {
        if (objects.Read(id) is not { Kind: GitObjectKind.Blob, Content: var content }) return null;
        budget -= content.Length;
        return budget >= 0 ? content : null;
    }

    private static bool IsBinary(byte[] content) => content.AsSpan(0, Math.Min(content.Length, BinarySniffLength)).IndexOf((byte)0) >= 0;

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
    private static void EmitLines(IPatchSink sink, TextLines lines, LineDiff? diff)
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

    /// <summary>A file of the change, ready to hand on: binary, or its new lines and (when modified) the script.</summary>
    private sealed record PreparedFile(string Path, string OldId, string NewId)
    {
        public bool Binary { get; init; }

        public TextLines? Lines { get; init; }

        public LineDiff? Diff { get; init; }
    }
}
