using System.IO.Compression;

namespace HookGuard.GitStore;

/// <summary>
/// A repository's own object folder: loose objects (zlib: "type size\0content") and packs. An object
/// it cannot find or read is null, never an error: the caller then lets git itself decide (git also
/// knows alternates, promisor remotes and replacements, which the staged-diff gate sends to it). What is
/// read is verified as git would have it: every zlib stream must end exactly at its claimed size (its
/// Adler-32 checked, all git's own read checks), and an object up to <see cref="VerifiedIdBytes"/> must
/// also hash to the id it was asked for; damage found so goes to git, which then fails and stops the
/// commit with its own message.
/// </summary>
internal sealed class ObjectDatabase(string objectsFolder) : IDisposable
{
    private List<PackFile>? _packs;

    /// <summary>
    /// Objects up to this size (trees, commits, the files of a typical commit) are hashed against their id
    /// too; a bigger blob relies on its stream's end and checksum, as git's own read does, where managed
    /// SHA-1 would be a large share of a big change's time.
    /// </summary>
    public const int VerifiedIdBytes = 1 << 20;

    public GitObject? Read(ReadOnlySpan<byte> id) =>
        Read(id, depth: 0) is { } found && (found.Content.Length > VerifiedIdBytes || InflatedObject.HasId(found, id)) ? found : null;

    internal GitObject? Read(ReadOnlySpan<byte> id, int depth)
    {
        if (id.Length != ObjectId.Length) return null;
        if (ReadLoose(id) is { } loose) return loose;
        foreach (var pack in Packs())
            if (pack.Find(id) is var offset and >= 0)
                return pack.ReadAt(offset, this, depth);
        return null;
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
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException) { return null; }
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
        foreach (var index in Directory.EnumerateFiles(folder, "*.idx"))
            if (File.Exists(Path.ChangeExtension(index, ".pack")) && PackFile.Open(index) is { } pack)
                _packs.Add(pack);
        return _packs;
    }

    public void Dispose()
    {
        foreach (var pack in _packs ?? []) pack.Dispose();
    }
}
