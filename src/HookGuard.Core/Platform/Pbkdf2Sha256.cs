using System.Buffers.Binary;

namespace HookGuard.Platform;

/// <summary>
/// PBKDF2 with HMAC-SHA256 (RFC 8018 section 5.2), one 32-byte block, on the managed SHA-256: the
/// platform's PBKDF2 loads OpenSSL, which the statically linked binary must never do. The HMAC pad
/// states are computed once, so each iteration costs two compressions and allocates nothing.
/// </summary>
internal static class Pbkdf2Sha256
{
    private const int BlockSize = 64;
    // A message of one 32-byte value after one 64-byte pad block, in bits: what both hashes of an iteration end with.
    private const uint TwoBlockMessageBits = (BlockSize + Sha256.HashSize) * 8;

    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Span<byte> key = stackalloc byte[BlockSize];
        key.Clear();
        if (password.Length > BlockSize) Sha256.HashData(password).CopyTo(key);
        else password.CopyTo(key);

        Span<uint> w = stackalloc uint[64];
        Span<byte> pad = stackalloc byte[BlockSize];
        Span<uint> inner = stackalloc uint[8], outer = stackalloc uint[8];
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(key[i] ^ 0x36);
        Sha256.Initialize(inner);
        Sha256.Compress(inner, w, pad);
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(key[i] ^ 0x5c);
        Sha256.Initialize(outer);
        Sha256.Compress(outer, w, pad);

        // U1 = HMAC(password, salt || INT(1)).
        var first = new byte[salt.Length + 4];
        salt.CopyTo(first);
        BinaryPrimitives.WriteInt32BigEndian(first.AsSpan(salt.Length), 1);
        Span<uint> u = stackalloc uint[8];
        HashAfterPad(inner, first, u, w);
        FinishHmac(outer, u, w);

        Span<uint> result = stackalloc uint[8];
        u.CopyTo(result);
        Span<uint> state = stackalloc uint[8];
        for (var i = 1; i < iterations; i++)
        {
            inner.CopyTo(state);
            LoadDigestBlock(w, u);
            Sha256.CompressWords(state, w);
            state.CopyTo(u);
            FinishHmac(outer, u, w);
            for (var j = 0; j < 8; j++) result[j] ^= u[j];
        }
        var derived = new byte[Sha256.HashSize];
        for (var j = 0; j < 8; j++) BinaryPrimitives.WriteUInt32BigEndian(derived.AsSpan(j * 4), result[j]);
        return derived;
    }

    /// <summary>The outer hash of HMAC: from the outer pad state over the inner digest, written back into digest.</summary>
    private static void FinishHmac(ReadOnlySpan<uint> outer, Span<uint> digest, Span<uint> w)
    {
        Span<uint> state = stackalloc uint[8];
        outer.CopyTo(state);
        LoadDigestBlock(w, digest);
        Sha256.CompressWords(state, w);
        state.CopyTo(digest);
    }

    /// <summary>A 32-byte value as the last block of a 96-byte message: the value, 0x80, zeros, the length.</summary>
    private static void LoadDigestBlock(Span<uint> w, ReadOnlySpan<uint> digest)
    {
        digest.CopyTo(w);
        w[8] = 0x80000000;
        w[9..15].Clear();
        w[15] = TwoBlockMessageBits;
    }

    /// <summary>SHA-256 continued from a state that has taken one pad block, over message, into digest.</summary>
    private static void HashAfterPad(ReadOnlySpan<uint> padState, ReadOnlySpan<byte> message, Span<uint> digest, Span<uint> w)
    {
        Span<uint> state = stackalloc uint[8];
        padState.CopyTo(state);
        var whole = message.Length - message.Length % BlockSize;
        for (var at = 0; at < whole; at += BlockSize) Sha256.Compress(state, w, message.Slice(at, BlockSize));
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        var rest = message[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 1 + 8 <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8), (ulong)(BlockSize + message.Length) * 8);
        for (var at = 0; at < tailLength; at += BlockSize) Sha256.Compress(state, w, tail.Slice(at, BlockSize));
        state.CopyTo(digest);
    }
}
