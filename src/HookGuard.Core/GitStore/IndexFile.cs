using System.Buffers.Binary;
using System.Text;
using HookGuard.Platform;

namespace HookGuard.GitStore;

/// <summary>
/// One stage-0 entry of the index: path bytes (sorted as git sorts them), mode, blob id, and the size
/// of the file when it was staged (the blob's, unless a filter or line-ending conversion changed it;
/// truncated to 32 bits). Its spans point into the mapped index, or into a rebuilt version-4 path.
/// </summary>
internal readonly ref struct IndexEntry(ReadOnlySpan<byte> path, int mode, ReadOnlySpan<byte> id, uint size)
{
    public ReadOnlySpan<byte> Path { get; } = path;

    public int Mode { get; } = mode;

    public ReadOnlySpan<byte> Id { get; } = id;

    public uint Size { get; } = size;
}

/// <summary>
/// The index (git's gitformat-index documentation, versions 2-4) as the staged diff needs it: its
/// entries, read in place from the mapped file, and the cache tree's valid directories (whose tree id
/// says that nothing under them changed when HEAD has the same tree). Null for anything a plain
/// `git diff --cached` would not show as a simple change: unmerged entries, intent-to-add entries, a
/// split or sparse index, or an index this reader does not understand; git then produces the diff.
/// </summary>
internal sealed class IndexFile : IDisposable
{
    private const int HeaderLength = 12, EntryFixedLength = 62, ChecksumLength = 20;
    private const int ExtendedFlag = 0x4000, StageMask = 0x3000, NameMask = 0xFFF;
    private const int IntentToAdd = 0x2000;
    private const int MaxTreeDepth = 4096;

    private readonly MappedFile _file;
    private readonly int _version, _count;

    private IndexFile(MappedFile file, int version, int count, Dictionary<string, byte[]> validTrees) =>
        (_file, _version, _count, ValidTrees) = (file, version, count, validTrees);

    /// <summary>Cache-tree directories still valid, by path (Latin-1 of the bytes, "" for the top), with their tree id.</summary>
    public Dictionary<string, byte[]> ValidTrees { get; }

    public static IndexFile? Read(string path)
    {
        MappedFile? file;
        try { file = MappedFile.Open(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (file is null) return null;
        var index = Validate(file);
        if (index is null) file.Dispose();
        return index;
    }

    public Enumerator GetEnumerator() => new(new EntryReader(_file.Span, _version, _count));

    public void Dispose() => _file.Dispose();

    /// <summary>Every entry readable and simple, the extensions understood or optional: the index, or null.</summary>
    private static IndexFile? Validate(MappedFile file)
    {
        var data = file.Span;
        if (data.Length < HeaderLength + ChecksumLength || !data[..4].SequenceEqual("DIRC"u8)) return null;
        var version = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var count = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        if (version is < 2 or > 4 || count > int.MaxValue) return null;
        var reader = new EntryReader(data, (int)version, (int)count);
        while (reader.Remaining > 0)
            if (!reader.TryRead(out _)) return null;

        var end = data.Length - ChecksumLength;
        var at = reader.Position;
        var validTrees = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (at + 8 <= end)
        {
            var signature = data.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 4)..]);
            if (size > end - at - 8) return null;
            var body = data.Slice(at + 8, (int)size);
            if (signature.SequenceEqual("TREE"u8))
            {
                var position = 0;
                if (!TryReadCacheTree(body, ref position, "", validTrees, depth: 0)) validTrees.Clear();
            }
            // An extension whose name starts with a capital letter may be ignored; others (split
            // index "link", sparse index "sdir") change what the entries mean.
            else if (signature[0] is < (byte)'A' or > (byte)'Z') return null;
            at += 8 + (int)size;
        }
        return at == end ? new IndexFile(file, (int)version, (int)count, validTrees) : null;
    }

    /// <summary>A cache-tree node: "NAME\0ENTRIES SUBTREES\n", the tree id when ENTRIES is not -1, then its subtrees.</summary>
    private static bool TryReadCacheTree(ReadOnlySpan<byte> body, ref int at, string parent, Dictionary<string, byte[]> valid, int depth)
    {
        // No path git can check out nests deeper; a deeper node is damage, and must not exhaust the stack.
        if (depth > MaxTreeDepth) return false;
        var nameLength = body[at..].IndexOf((byte)0);
        if (nameLength < 0) return false;
        var name = Encoding.Latin1.GetString(body.Slice(at, nameLength));
        at += nameLength + 1;
        var space = body[at..].IndexOf((byte)' ');
        if (space < 0 || !int.TryParse(body.Slice(at, space), out var entryCount)) return false;
        at += space + 1;
        var newline = body[at..].IndexOf((byte)'\n');
        if (newline < 0 || !int.TryParse(body.Slice(at, newline), out var subtrees) || subtrees < 0) return false;
        at += newline + 1;
        var path = parent.Length == 0 ? name : parent + "/" + name;
        if (entryCount >= 0)
        {
            if (at + ObjectId.Length > body.Length) return false;
            valid[path] = body.Slice(at, ObjectId.Length).ToArray();
            at += ObjectId.Length;
        }
        for (var i = 0; i < subtrees; i++)
            if (!TryReadCacheTree(body, ref at, path, valid, depth + 1)) return false;
        return true;
    }

    /// <summary>The entries in index order (foreach); the index was validated when read.</summary>
    public ref struct Enumerator(EntryReader reader)
    {
        private EntryReader _reader = reader;
        private IndexEntry _current;

        public readonly IndexEntry Current => _current;

        public bool MoveNext() => _reader.Remaining > 0 && _reader.TryRead(out _current);

        /// <summary>Every entry was read (false: the walk stopped at one it does not read, such as an unmerged path).</summary>
        public readonly bool Finished => _reader.Remaining == 0;
    }

    /// <summary>Reads entries one after another from the header on, rebuilding version 4's prefix-compressed paths.</summary>
    public ref struct EntryReader(ReadOnlySpan<byte> data, int version, int count)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly int _version = version;
        private byte[] _path = version == 4 ? new byte[256] : [];
        private int _previousLength;

        public int Position { get; private set; } = HeaderLength;

        public int Remaining { get; private set; } = count;

        /// <summary>The next entry; false when it is malformed or not a plain stage-0 file entry.</summary>
        public bool TryRead(out IndexEntry entry)
        {
            entry = default;
            var end = _data.Length - ChecksumLength;
            var at = Position;
            if (at + EntryFixedLength > end) return false;
            var mode = (int)BinaryPrimitives.ReadUInt32BigEndian(_data[(at + 24)..]);
            var size = BinaryPrimitives.ReadUInt32BigEndian(_data[(at + 36)..]);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(_data[(at + 60)..]);
            var name = at + EntryFixedLength;
            if ((flags & StageMask) != 0 || EntryMode.IsDirectory(mode)) return false;
            if ((flags & ExtendedFlag) != 0)
            {
                if (_version < 3 || name + 2 > end || (BinaryPrimitives.ReadUInt16BigEndian(_data[name..]) & IntentToAdd) != 0) return false;
                name += 2;
            }
            ReadOnlySpan<byte> path;
            if (_version == 4)
            {
                if (!TryReadPrefixStrip(_data, ref name, out var strip) || strip > _previousLength || name > end) return false;
                var suffixLength = _data[name..end].IndexOf((byte)0);
                if (suffixLength < 0) return false;
                var length = _previousLength - strip + suffixLength;
                if (length > _path.Length) Array.Resize(ref _path, Math.Max(length, 2 * _path.Length));
                _data.Slice(name, suffixLength).CopyTo(_path.AsSpan(_previousLength - strip));
                _previousLength = length;
                path = _path.AsSpan(0, length);
                Position = name + suffixLength + 1;
            }
            else
            {
                var length = flags & NameMask;
                if (length == NameMask) length = _data[name..end].IndexOf((byte)0);
                if (length < 0 || name + length > end) return false;
                path = _data.Slice(name, length);
                Position = at + ((name - at + length + 8) & ~7); // NUL-padded to a multiple of 8
            }
            entry = new IndexEntry(path, mode, _data.Slice(at + 40, ObjectId.Length), size);
            Remaining--;
            return true;
        }

        /// <summary>Version 4's path compression: how many bytes of the previous path to drop (offset-style varint).</summary>
        private static bool TryReadPrefixStrip(ReadOnlySpan<byte> data, ref int at, out int strip)
        {
            strip = 0;
            long value = 0;
            for (var first = true; ; first = false)
            {
                if (at >= data.Length || value > int.MaxValue) return false;
                var b = data[at++];
                value = first ? b & 0x7f : ((value + 1) << 7) | (long)(b & 0x7f);
                if ((b & 0x80) == 0) break;
            }
            strip = (int)value;
            return value <= int.MaxValue;
        }
    }
}
