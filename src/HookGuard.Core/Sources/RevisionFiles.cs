using System.Text;
using HookGuard.Config;
using HookGuard.GitStore;
using HookGuard.Platform;

namespace HookGuard.Sources;

/// <summary>A file as a commit (or the index) records it: its mode and, for a regular file, its text.</summary>
internal sealed record RecordedFile(int Mode, string? Text)
{
    public bool IsRegular => EntryMode.IsRegular(Mode);
    public bool IsSymbolicLink => (Mode & 0xF000) == 0xA000;
}

/// <summary>
/// Reads one file as a commit records it, for the policy files the trust rule takes from history. HEAD
/// and full commit ids are read in-process where the staged read may be (a git process is a large share of a
/// hook's time); anything else, or anything the reader cannot settle, asks git.
/// </summary>
internal static class RevisionFiles
{
    /// <summary>The full id of the commit a revision names; null when it names none (an unborn HEAD, an unknown name).</summary>
    public static string? ResolveCommit(Repository repo, string revision)
    {
        // A push asks about the same old tip once per history partition. Only full ids are kept: what
        // they name cannot move, where a name such as HEAD or a branch can between two questions.
        if (ObjectId.FromHex(revision) is null) return Resolve(repo, revision);
        lock (Resolved)
            if (Resolved.TryGetValue((repo.GitDir, revision), out var known)) return known;
        var resolved = Resolve(repo, revision);
        lock (Resolved) Resolved[(repo.GitDir, revision)] = resolved;
        return resolved;
    }

    private static readonly Dictionary<(string GitDir, string Revision), string?> Resolved = [];

    private static string? Resolve(Repository repo, string revision)
    {
        if (revision == "HEAD" && InProcess(repo) && HeadRef.TryResolve(repo.GitDir, out var head))
            return head is null ? null : ObjectId.ToHex(head);
        if (revision.StartsWith('-')) return null;
        // A full commit id (a pushed ref's old tip) names itself when the object is a commit here.
        if (ObjectId.FromHex(revision) is { } id && InProcess(repo) && IsCommitInProcess(repo, id)) return revision.ToLowerInvariant();
        var output = GitProcess.Capture(repo.Root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return output?.Trim() is { Length: > 0 } resolved ? resolved : null;
    }

    /// <summary>Whether the id is a commit readable here; false (git decides) for anything else, a tag included.</summary>
    private static bool IsCommitInProcess(Repository repo, byte[] id)
    {
        try
        {
            lock (Resolved) return Objects(repo).Read(id) is { Kind: GitObjectKind.Commit };
        }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { return false; }
    }

    /// <summary>The file at a commit (a full id, see <see cref="ResolveCommit"/>); null when the commit has no such path.</summary>
    public static RecordedFile? Read(Repository repo, string commit, string path, string displayName, long maxBytes)
    {
        if (ObjectId.FromHex(commit) is { } id && InProcess(repo)
            && TryReadInProcess(repo, id, path, displayName, maxBytes, out var file))
            return file;
        return ReadWithGit(repo, commit, path, displayName, maxBytes);
    }

    /// <summary>The file as the index records it (stage 0); null when it is not there.</summary>
    public static RecordedFile? ReadStaged(Repository repo, string path, string displayName, long maxBytes)
    {
        if (InProcess(repo) && TryReadStagedInProcess(repo, path, displayName, maxBytes, out var file)) return file;
        var entry = Encoding.UTF8.GetString(Run(repo, "ls-files", "-s", "-z", "--", path));
        // "MODE ID STAGE\tPATH\0"
        var fields = entry.Split('\t', 2)[0].Split(' ');
        if (fields.Length != 3 || !EntryMode.TryParseOctal(Encoding.ASCII.GetBytes(fields[0]), out var mode)) return null;
        return Blob(repo, mode, fields[1], displayName, maxBytes, size: null);
    }

    private static RecordedFile? ReadWithGit(Repository repo, string commit, string path, string displayName, long maxBytes)
    {
        // "MODE TYPE ID SIZE\tPATH\0"; nothing when the path is absent.
        var entry = Encoding.UTF8.GetString(Run(repo, "ls-tree", "-l", "-z", "--full-tree", commit, "--", path));
        if (entry.Length == 0) return null;
        var fields = entry.Split('\t', 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4 || !EntryMode.TryParseOctal(Encoding.ASCII.GetBytes(fields[0]), out var mode)) return null;
        if (fields[1] != "blob") return new RecordedFile(mode, null);
        return Blob(repo, mode, fields[2], displayName, maxBytes, long.TryParse(fields[3], out var size) ? size : null);
    }

    private static RecordedFile Blob(Repository repo, int mode, string id, string displayName, long maxBytes, long? size)
    {
        if (!EntryMode.IsRegular(mode)) return new RecordedFile(mode, null);
        size ??= long.TryParse(Encoding.ASCII.GetString(Run(repo, "cat-file", "-s", id)).Trim(), out var s) ? s : null;
        if (size is null) throw new GitException($"git cat-file -s {id} gave no size");
        if (size > maxBytes) throw PolicyFile.TooLarge(displayName, maxBytes);
        var content = Run(repo, "cat-file", "blob", id);
        return new RecordedFile(mode, Encoding.UTF8.GetString(content));
    }

    // One process reads the configuration and the baseline, from a commit and from the index: the gate's
    // checks, the packs' indexes, the commit's root tree and the index are read once for all of them, per
    // repository found (a scan finds its repository once; git holds the index lock while a hook runs).
    private static (Repository Repo, bool Allowed)? _gate;
    private static (Repository Repo, ObjectDatabase Objects)? _objects;
    private static RootTree? _rootTree;
    private static StagedIndex? _index;
    private static readonly Lock IndexLock = new();

    private sealed record RootTree(Repository Repo, byte[] Commit, byte[] Content);

    private sealed record StagedIndex(Repository Repo, string Path, IndexFile? Index);

    private static bool InProcess(Repository repo)
    {
        if (_gate is not { } gate || gate.Repo != repo)
        {
            var refusal = InProcessReadGate.RepositoryRefusal(repo);
            _gate = gate = (repo, refusal is null);
            if (refusal is not null) GitFallback.Note("committed policy files: " + refusal);
        }
        return gate.Allowed;
    }

    private static ObjectDatabase Objects(Repository repo)
    {
        if (_objects is not { } objects || objects.Repo != repo) _objects = objects = (repo, new ObjectDatabase(Path.Combine(repo.GitDir, "objects")));
        return objects.Objects;
    }

    /// <summary>git's output; its own message when it fails (a damaged index, a missing object).</summary>
    private static byte[] Run(Repository repo, params string[] arguments)
    {
        using var git = GitProcess.Start(repo.Root, arguments);
        using var output = new MemoryStream();
        git.Output.CopyTo(output);
        git.EnsureSuccess("git " + arguments[0]);
        return output.ToArray();
    }

    /// <summary>False when this reader cannot settle it (a missing or unreadable object): git then decides.</summary>
    private static bool TryReadInProcess(Repository repo, byte[] commit, string path, string displayName, long maxBytes, out RecordedFile? file)
    {
        file = null;
        try
        {
            var objects = Objects(repo);
            if (RootTreeOf(repo, objects, commit) is not { } root) return false;
            var (id, mode) = (Array.Empty<byte>(), 0x4000);
            foreach (var name in path.Split('/'))
            {
                if (!EntryMode.IsDirectory(mode)) return true; // a file where a folder is named: no such path
                var tree = id.Length == 0 ? root : objects.Read(id) is { Kind: GitObjectKind.Tree, Content: var read } ? read : null;
                if (tree is null) return false;
                if (!TryFind(tree, Encoding.UTF8.GetBytes(name), out mode, out id, out var malformed)) return !malformed;
            }
            if (!EntryMode.IsRegular(mode))
            {
                file = new RecordedFile(mode, null);
                return true;
            }
            if (objects.Read(id) is not { Kind: GitObjectKind.Blob, Content: var blob }) return false;
            if (blob.Length > maxBytes) throw PolicyFile.TooLarge(displayName, maxBytes);
            file = new RecordedFile(mode, Encoding.UTF8.GetString(blob));
            return true;
        }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { return false; }
    }

    private static bool TryReadStagedInProcess(Repository repo, string path, string displayName, long maxBytes, out RecordedFile? file)
    {
        file = null;
        var indexPath = Environment.GetEnvironmentVariable("GIT_INDEX_FILE") is { Length: > 0 } named
            ? Path.GetFullPath(named, repo.Root)
            : Path.Combine(repo.GitDir, "index");
        try
        {
            var name = Encoding.UTF8.GetBytes(path);
            var (mode, id) = (0, (byte[]?)null);
            // The kept index is replaced (and unmapped) only under this lock, when another repository is read.
            lock (IndexLock)
            {
                if (IndexOf(repo, indexPath) is not { } index) return false;
                var entries = index.GetEnumerator();
                while (entries.MoveNext())
                    if (entries.Current.Path.SequenceEqual(name)) (mode, id) = (entries.Current.Mode, entries.Current.Id.ToArray());
                if (!entries.Finished) return false;
            }
            if (id is null) return true;
            if (!EntryMode.IsRegular(mode))
            {
                file = new RecordedFile(mode, null);
                return true;
            }
            if (Objects(repo).Read(id) is not { Kind: GitObjectKind.Blob, Content: var blob }) return false;
            if (blob.Length > maxBytes) throw PolicyFile.TooLarge(displayName, maxBytes);
            file = new RecordedFile(mode, Encoding.UTF8.GetString(blob));
            return true;
        }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { return false; }
    }

    /// <summary>The commit's root tree content, kept for the next file read from the same commit; null when unreadable.</summary>
    private static byte[]? RootTreeOf(Repository repo, ObjectDatabase objects, byte[] commit)
    {
        if (_rootTree is { } kept && ReferenceEquals(kept.Repo, repo) && kept.Commit.AsSpan().SequenceEqual(commit)) return kept.Content;
        if (CommitHeader.Read(objects, commit) is not { } header) return null;
        if (objects.Read(header.Tree) is not { Kind: GitObjectKind.Tree, Content: var tree }) return null;
        _rootTree = new RootTree(repo, commit, tree);
        return tree;
    }

    /// <summary>The index (null: unreadable or not simple, git decides), mapped once per repository and path.</summary>
    private static IndexFile? IndexOf(Repository repo, string path)
    {
        if (_index is { } kept && ReferenceEquals(kept.Repo, repo) && kept.Path == path) return kept.Index;
        var replaced = _index;
        _index = null; // never left naming an unmapped index, should the read below throw
        replaced?.Index?.Dispose();
        var index = IndexFile.Read(path);
        _index = new StagedIndex(repo, path, index);
        return index;
    }

    private static bool TryFind(ReadOnlySpan<byte> tree, ReadOnlySpan<byte> name, out int mode, out byte[] id, out bool malformed)
    {
        var entries = new TreeEntries(tree);
        while (entries.MoveNext())
        {
            if (!entries.Name.SequenceEqual(name)) continue;
            (mode, id, malformed) = (entries.Mode, entries.Id.ToArray(), false);
            return true;
        }
        (mode, id, malformed) = (0, [], entries.Malformed);
        return false;
    }
}
