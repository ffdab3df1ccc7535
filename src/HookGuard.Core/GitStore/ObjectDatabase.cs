using System.IO.Compression;

namespace HookGuard.GitStore;

/// <summary>
/// A repository's own object folder: loose objects (zlib: "type size\0content") and packs. An object
/// it cannot find or read is null, never an error: the caller then lets git itself decide (git also
/// knows alternates, promisor remotes and replacements, which the staged-diff gate sends to it). What is
/// read is read as git reads it: packs before loose objects, as git's own lookup goes, so where one id
/// has two copies the hook sees the one git would commit and push; every zlib stream must end exactly
/// at its claimed size (its Adler-32 checked, git's own read checks); trees, commits and tags, which
/// decide what is read at all, must also hash to the id they were asked for. Damage found so goes to
/// git, which then fails and stops the commit with its own message.
/// </summary>
internal sealed class ObjectDatabase(string objectsFolder) : IDisposable
{
    private List<PackFile>? _packs;

    /// <summary>
    /// A blob is not hashed, as git does not hash what it reads for a diff: hashing every file of a big
    /// change would cost more than the scan, and a blob's copy is the one git itself would read.
    /// </summary>
    public GitObject? Read(ReadOnlySpan<byte> id) =>
        Read(id, depth: 0) is { } found && (found.Kind == GitObjectKind.Blob || InflatedObject.HasId(found, id)) ? found : null;

    internal GitObject? Read(ReadOnlySpan<byte> id, int depth)
    {
        if (id.Length != ObjectId.Length) return null;
        foreach (var pack in Packs())
            if (pack.Find(id) is var offset and >= 0)
                return pack.ReadAt(offset, this, depth);
        return ReadLoose(id);
    }

    private GitObject? ReadLoose(ReadOnlySpan<byte> id)
    {
        var hex = ObjectId.ToHex(id);
        // Streamed from the file: a big blob's compressed bytes are never held whole beside its content.
        using var file = OptionalFile.OpenRead(Path.Combine(objectsFolder, hex[..2], hex[2..]));
        if (file is null) return null;
        try
        {
            using var zlib = new ZLibStream(file, CompressionMode.Decompress);
            // "type size\0" then the content: the header and the content's start in one read.
            Span<byte> start = stackalloc byte[64];
            var read = zlib.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            var nul = start[..read].IndexOf((byte)0);
            if (nul < 0 || !TryParseHeader(start[..nul], out var kind, out var size) || !InflatedObject.IsPlausible(size, file.Length)) return null;
            return InflatedObject.Read(zlib, size, start[(nul + 1)..read]) is { } content ? new GitObject(kind, content) : null;
        }
        // zlib's own refusals (a preset dictionary asked for, a stream cut short) are IOExceptions.
        catch (Exception e) when (e is InvalidDataException or IOException) { return null; }
    }

    /// <summary>"blob 1234".</summary>
    private static bool TryParseHeader(ReadOnlySpan<byte> header, out GitObjectKind kind, out int size)
    {
        kind = default;
        size = 0;
        var space = header.IndexOf((byte)' ');
        if (space < 0 || !int.TryParse(header[(space + 1)..], out size) || size < 0) return false;
        var name = header[..space];
        kind = name.SequenceEqual("blob"u8) ? GitObjectKind.Blob
            : name.SequenceEqual("tree"u8) ? GitObjectKind.Tree
            : name.SequenceEqual("commit"u8) ? GitObjectKind.Commit
            : name.SequenceEqual("tag"u8) ? GitObjectKind.Tag
            : 0;
        return kind != 0;
    }

    private List<PackFile> Packs()
    {
        if (_packs is not null) return _packs;
        _packs = [];
        var folder = Path.Combine(objectsFolder, "pack");
        if (!Directory.Exists(folder)) return _packs;
        // Newest first, as git orders its packs: of two packed copies the hook reads the one git reads.
        var indexes = new DirectoryInfo(folder).EnumerateFiles("*.idx")
            .Select(index => (index, pack: new FileInfo(Path.ChangeExtension(index.FullName, ".pack"))))
            .Where(pair => pair.pack.Exists)
            .OrderByDescending(pair => pair.pack.LastWriteTimeUtc);
        foreach (var (index, _) in indexes)
            if (PackFile.Open(index.FullName) is { } pack)
                _packs.Add(pack);
        return _packs;
    }

    public void Dispose()
    {
        foreach (var pack in _packs ?? []) pack.Dispose();
    }
}
