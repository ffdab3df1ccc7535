using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace HookGuard.GitStore;

/// <summary>
/// One pack and its version-2 index (git's gitformat-pack documentation): the index is searched in
/// place, one fan-out bucket read per lookup, so a large repository's index is never loaded whole.
/// </summary>
internal sealed class PackFile : IDisposable
{
    private const int HeaderLength = 8, FanoutLength = 256 * 4, PackHeaderLength = 12;
    private const int OffsetDelta = 6, ReferenceDelta = 7;

    private readonly SafeFileHandle _index;
    private readonly string _packPath;
    private readonly uint[] _fanout;
    private FileStream? _pack;

    private PackFile(SafeFileHandle index, string packPath, uint[] fanout) => (_index, _packPath, _fanout) = (index, packPath, fanout);

    private int Count => (int)_fanout[255];

    private static ReadOnlySpan<byte> IndexMagic => [0xff, (byte)'t', (byte)'O', (byte)'c'];

    /// <summary>The pack of an `.idx` file; null for an index this reader does not know (version 1).</summary>
    public static PackFile? Open(string indexPath)
    {
        var index = File.OpenHandle(indexPath);
        Span<byte> head = stackalloc byte[HeaderLength + FanoutLength];
        if (RandomAccess.Read(index, head, 0) != head.Length || !head[..4].SequenceEqual(IndexMagic)
            || BinaryPrimitives.ReadUInt32BigEndian(head[4..]) != 2)
        {
            index.Dispose();
            return null;
        }
        var fanout = new uint[256];
        for (var i = 0; i < 256; i++) fanout[i] = BinaryPrimitives.ReadUInt32BigEndian(head[(HeaderLength + 4 * i)..]);
        return new PackFile(index, Path.ChangeExtension(indexPath, ".pack"), fanout);
    }

    /// <summary>Where the object starts in the pack, or -1 when this pack does not hold it.</summary>
    public long Find(ReadOnlySpan<byte> id)
    {
        var low = id[0] == 0 ? 0 : (int)_fanout[id[0] - 1];
        var high = (int)_fanout[id[0]];
        if (high <= low) return -1;
        var bucket = new byte[(high - low) * ObjectId.Length];
        if (RandomAccess.Read(_index, bucket, HeaderLength + FanoutLength + (long)low * ObjectId.Length) != bucket.Length) return -1;
        int first = 0, last = high - low - 1;
        while (first <= last)
        {
            var middle = (first + last) >>> 1;
            var order = bucket.AsSpan(middle * ObjectId.Length, ObjectId.Length).SequenceCompareTo(id);
            if (order == 0) return Offset(low + middle);
            if (order < 0) first = middle + 1;
            else last = middle - 1;
        }
        return -1;
    }

    private long Offset(int position)
    {
        Span<byte> word = stackalloc byte[8];
        var offsets = HeaderLength + FanoutLength + (long)Count * (ObjectId.Length + 4);
        if (RandomAccess.Read(_index, word[..4], offsets + 4L * position) != 4) return -1;
        var small = BinaryPrimitives.ReadUInt32BigEndian(word);
        if ((small & 0x8000_0000) == 0) return small;
        // Packs over 2 GiB: the entry indexes the table of 8-byte offsets that follows.
        var large = offsets + 4L * Count + 8L * (small & 0x7fff_ffff);
        return RandomAccess.Read(_index, word, large) == 8 ? (long)BinaryPrimitives.ReadUInt64BigEndian(word) : -1;
    }

    /// <summary>The object at a pack offset, its delta chain resolved; null when it cannot be read here.</summary>
    public GitObject? ReadAt(long offset, ObjectDatabase database, int depth)
    {
        // git's own packs stay under depth 50 (4095 at most); a cycle of reference deltas in a damaged
        // pack ends here, and costs a header read per level: nothing is inflated before its base is found.
        if (depth > 4096 || offset < PackHeaderLength) return null;
        _pack ??= new FileStream(_packPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        Span<byte> header = stackalloc byte[32];
        var read = RandomAccess.Read(_pack.SafeFileHandle, header, offset);
        var at = 0;
        if (read < 2) return null;
        var c = header[at++];
        var type = (c >> 4) & 7;
        long size = c & 15;
        for (var shift = 4; (c & 0x80) != 0; shift += 7)
        {
            if (at >= read || shift > 56) return null;
            c = header[at++];
            size |= (long)(c & 0x7f) << shift;
        }
        GitObject? source = null;
        if (type == OffsetDelta)
        {
            if (at >= read) return null;
            c = header[at++];
            long back = c & 0x7f;
            while ((c & 0x80) != 0)
            {
                if (at >= read || back > long.MaxValue >> 8) return null;
                c = header[at++];
                back = ((back + 1) << 7) | (long)(c & 0x7f);
            }
            // As git: a base at or after its delta (itself, or a loop) is damage, refused at once.
            if (back <= 0 || back > offset) return null;
            source = ReadAt(offset - back, database, depth + 1);
            if (source is null) return null;
        }
        else if (type == ReferenceDelta)
        {
            if (at + ObjectId.Length > read) return null;
            var baseId = header.Slice(at, ObjectId.Length);
            if (Find(baseId) == offset) return null; // its own base
            source = database.Read(baseId, depth + 1);
            if (source is null) return null;
            at += ObjectId.Length;
        }
        else if (type is < (int)GitObjectKind.Commit or > (int)GitObjectKind.Tag) return null;

        var data = Inflate(offset + at, size);
        if (data is null) return null;
        if (type is OffsetDelta or ReferenceDelta)
            return source is { } from && DeltaPatch.Apply(from.Content, data) is { } rebuilt ? new GitObject(from.Kind, rebuilt) : null;
        return new GitObject((GitObjectKind)type, data);
    }

    /// <summary>An entry's data: exactly its claimed size, then the end of its zlib stream (see <see cref="InflatedObject"/>).</summary>
    private byte[]? Inflate(long start, long size)
    {
        // The pack ends with a 20-byte checksum: what lies before it bounds what the entry can hold.
        if (!InflatedObject.IsPlausible(size, _pack!.Length - ObjectId.Length - start)) return null;
        _pack.Position = start;
        try
        {
            using var zlib = new ZLibStream(_pack, CompressionMode.Decompress, leaveOpen: true);
            return InflatedObject.Read(zlib, size, []);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _index.Dispose();
        _pack?.Dispose();
    }
}
