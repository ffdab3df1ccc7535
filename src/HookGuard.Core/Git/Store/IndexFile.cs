using System.Buffers.Binary;
using System.Text;

namespace HookGuard.Git.Store;

/// <summary>
/// One stage-0 entry of the index: path bytes (sorted as git sorts them), mode and blob id, in the
/// index's own buffer, and the size of the file when it was staged (the blob's, unless a filter or
/// line-ending conversion changed it; truncated to 32 bits).
/// </summary>
internal readonly record struct IndexEntry(ReadOnlyMemory<byte> Path, int Mode, ReadOnlyMemory<byte> Id, uint Size);

/// <summary>
/// The index (git's gitformat-index documentation, versions 2-4) as the staged diff needs it: its
/// entries, and the cache tree's valid directories (whose tree id says that nothing under them changed
/// when HEAD has the same tree). Null for anything a plain `git diff --cached` would not show as a
/// simple change: unmerged entries, intent-to-add entries, a split or sparse index, or an index this
/// reader does not understand; git then produces the diff.
/// </summary>
internal sealed class IndexFile
{
    private const int EntryFixedLength = 62, ChecksumLength = 20;
    private const int ExtendedFlag = 0x4000, StageMask = 0x3000, NameMask = 0xFFF;
    private const int IntentToAdd = 0x2000;

    private IndexFile(List<IndexEntry> entries, Dictionary<string, byte[]> validTrees) => (Entries, ValidTrees) = (entries, validTrees);

    public List<IndexEntry> Entries { get; }

    /// <summary>Cache-tree directories still valid, by path (Latin-1 of the bytes, "" for the top), with their tree id.</summary>
    public Dictionary<string, byte[]> ValidTrees { get; }

    public static IndexFile? Read(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        try { return Parse(data); }
        catch (ArgumentOutOfRangeException) { return null; } // truncated: a slice past the end
    }

    private static IndexFile? Parse(byte[] buffer)
    {
        // Entries point into the buffer (a large repository's index has 100k of them); only version
        // 4's prefix-compressed paths are rebuilt.
        ReadOnlySpan<byte> data = buffer;
        if (data.Length < 12 + ChecksumLength || !data[..4].SequenceEqual("DIRC"u8)) return null;
        var version = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var count = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        if (version is < 2 or > 4 || count > int.MaxValue) return null;
        var end = data.Length - ChecksumLength;
        var entries = new List<IndexEntry>((int)count);
        var at = 12;
        ReadOnlyMemory<byte> previous = default;
        for (var i = 0; i < count; i++)
        {
            if (at + EntryFixedLength > end) return null;
            var mode = (int)BinaryPrimitives.ReadUInt32BigEndian(data[(at + 24)..]);
            var size = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 36)..]);
            var id = buffer.AsMemory(at + 40, ObjectId.Length);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 60)..]);
            var name = at + EntryFixedLength;
            if ((flags & StageMask) != 0 || EntryMode.IsDirectory(mode)) return null;
            if ((flags & ExtendedFlag) != 0)
            {
                if (version < 3 || (BinaryPrimitives.ReadUInt16BigEndian(data[name..]) & IntentToAdd) != 0) return null;
                name += 2;
            }
            ReadOnlyMemory<byte> entryPath;
            if (version == 4)
            {
                if (!TryReadPrefixStrip(data, ref name, out var strip) || strip > previous.Length) return null;
                var suffixLength = data[name..end].IndexOf((byte)0);
                if (suffixLength < 0) return null;
                entryPath = (byte[])[.. previous.Span[..(previous.Length - strip)], .. data.Slice(name, suffixLength)];
                at = name + suffixLength + 1;
            }
            else
            {
                var length = flags & NameMask;
                if (length == NameMask) length = data[name..end].IndexOf((byte)0);
                if (length < 0 || name + length > end) return null;
                entryPath = buffer.AsMemory(name, length);
                at += (name - at + length + 8) & ~7; // NUL-padded to a multiple of 8
            }
            entries.Add(new IndexEntry(entryPath, mode, id, size));
            previous = entryPath;
        }

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
                if (!TryReadCacheTree(body, ref position, "", validTrees)) validTrees.Clear();
            }
            // An extension whose name starts with a capital letter may be ignored; others (split
            // index "link", sparse index "sdir") change what the entries mean.
            else if (signature[0] is < (byte)'A' or > (byte)'Z') return null;
            at += 8 + (int)size;
        }
        return at == end ? new IndexFile(entries, validTrees) : null;
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

    /// <summary>A cache-tree node: "NAME\0ENTRIES SUBTREES\n", the tree id when ENTRIES is not -1, then its subtrees.</summary>
    private static bool TryReadCacheTree(ReadOnlySpan<byte> body, ref int at, string parent, Dictionary<string, byte[]> valid)
    {
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
            if (!TryReadCacheTree(body, ref at, path, valid)) return false;
        return true;
    }
}
