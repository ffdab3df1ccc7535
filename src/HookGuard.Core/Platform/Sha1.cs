using System.Buffers.Binary;
using System.Numerics;

namespace HookGuard.Platform;

/// <summary>
/// SHA-1 (FIPS 180-4) in managed code, fed in pieces: an object's id is the hash of its header
/// ("blob 12\0") and its content, which are never copied together. Managed for the reason given on
/// <see cref="HookGuard.Findings.Sha256"/>: .NET's own loads OpenSSL, which the static binary cannot.
/// </summary>
internal struct Sha1
{
    public const int HashSize = 20;

    private uint _h0, _h1, _h2, _h3, _h4;
    private long _length;
    private int _buffered;
    private Block _buffer;

    [System.Runtime.CompilerServices.InlineArray(64)]
    private struct Block
    {
        private byte _first;
    }

    public static Sha1 Create() => new() { _h0 = 0x67452301, _h1 = 0xefcdab89, _h2 = 0x98badcfe, _h3 = 0x10325476, _h4 = 0xc3d2e1f0 };

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        if (_buffered > 0)
        {
            var take = Math.Min(64 - _buffered, data.Length);
            data[..take].CopyTo(((Span<byte>)_buffer)[_buffered..]);
            _buffered += take;
            data = data[take..];
            if (_buffered < 64) return;
            Compress((ReadOnlySpan<byte>)_buffer);
            _buffered = 0;
        }
        while (data.Length >= 64)
        {
            Compress(data[..64]);
            data = data[64..];
        }
        data.CopyTo((Span<byte>)_buffer);
        _buffered = data.Length;
    }

    /// <summary>Whether the digest of everything appended equals <paramref name="expected"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> expected)
    {
        Span<byte> digest = stackalloc byte[HashSize];
        Finish(digest);
        return digest.SequenceEqual(expected);
    }

    public void Finish(Span<byte> digest)
    {
        var bits = (ulong)_length * 8;
        Span<byte> padding = stackalloc byte[72];
        padding.Clear();
        padding[0] = 0x80;
        var padLength = (_buffered < 56 ? 56 : 120) - _buffered;
        BinaryPrimitives.WriteUInt64BigEndian(padding[padLength..], bits);
        Append(padding[..(padLength + 8)]);
        BinaryPrimitives.WriteUInt32BigEndian(digest, _h0);
        BinaryPrimitives.WriteUInt32BigEndian(digest[4..], _h1);
        BinaryPrimitives.WriteUInt32BigEndian(digest[8..], _h2);
        BinaryPrimitives.WriteUInt32BigEndian(digest[12..], _h3);
        BinaryPrimitives.WriteUInt32BigEndian(digest[16..], _h4);
    }

    private void Compress(ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (var t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        for (var t = 16; t < 80; t++) w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;
        for (var t = 0; t < 20; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }
        for (var t = 20; t < 40; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }
        for (var t = 40; t < 60; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }
        for (var t = 60; t < 80; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }
        _h0 += a; _h1 += b; _h2 += c; _h3 += d; _h4 += e;
    }
}
