// git's pack and index checksums are SHA-1 by format: nothing here protects a secret.
#pragma warning disable CA5350
using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace HookGuard.Tests.Support;

/// <summary>
/// Loose objects and packs written byte by byte (gitformat-loose, gitformat-pack), to put damage git
/// would refuse where HookGuard's own reader meets it.
/// </summary>
public static class HandBuiltObjects
{
    public static byte[] Zlib(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, level, leaveOpen: true)) zlib.Write(data);
        return buffer.ToArray();
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Replaces the loose object file of <paramref name="id"/> with these bytes (already compressed).</summary>
    public static void ReplaceLoose(TempRepo repo, string id, byte[] compressed)
    {
        var path = LoosePath(repo, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.SetAttributes(path, FileAttributes.Normal);
        File.WriteAllBytes(path, compressed);
    }

    public static string LoosePath(TempRepo repo, string id) => Path.Combine(repo.Root, ".git", "objects", id[..2], id[2..]);

    /// <summary>A pack entry's type-and-size header (size in little-endian 7-bit groups after the first 4 bits).</summary>
    public static byte[] EntryHeader(int type, long size)
    {
        var bytes = new List<byte>();
        var first = (byte)((type << 4) | (int)(size & 15));
        size >>= 4;
        if (size > 0) first |= 0x80;
        bytes.Add(first);
        while (size > 0)
        {
            var b = (byte)(size & 0x7f);
            size >>= 7;
            if (size > 0) b |= 0x80;
            bytes.Add(b);
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// A pack of the given entries (raw bytes each, header included) and its version-2 index, written to
    /// objects/pack; each entry is indexed under the id given with it.
    /// </summary>
    public static void WritePack(TempRepo repo, params (string Id, byte[] Entry)[] entries)
    {
        using var pack = new MemoryStream();
        pack.Write("PACK"u8);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, 2);
        pack.Write(word);
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)entries.Length);
        pack.Write(word);
        var offsets = new List<(byte[] Id, long Offset, uint Crc)>();
        foreach (var (id, entry) in entries)
        {
            offsets.Add((Convert.FromHexString(id), pack.Position, System.IO.Hashing.Crc32.HashToUInt32(entry)));
            pack.Write(entry);
        }
        var packChecksum = SHA1.HashData(pack.ToArray());
        pack.Write(packChecksum);

        offsets.Sort((a, b) => a.Id.AsSpan().SequenceCompareTo(b.Id));
        using var index = new MemoryStream();
        index.Write([0xff, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2]);
        for (var b = 0; b < 256; b++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)offsets.Count(o => o.Id[0] <= b));
            index.Write(word);
        }
        foreach (var o in offsets) index.Write(o.Id);
        foreach (var o in offsets)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, o.Crc);
            index.Write(word);
        }
        foreach (var o in offsets)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)o.Offset);
            index.Write(word);
        }
        index.Write(packChecksum);
        index.Write(SHA1.HashData(index.ToArray()));

        var name = Convert.ToHexStringLower(packChecksum);
        var folder = Path.Combine(repo.Root, ".git", "objects", "pack");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, $"pack-{name}.pack"), pack.ToArray());
        File.WriteAllBytes(Path.Combine(folder, $"pack-{name}.idx"), index.ToArray());
    }
}
