using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>The AVX2 search: eight positions' anchor bits per gather.</summary>
internal sealed unsafe partial class KeywordIndex
{
    // For lane t, the bytes t, t+1, t+2 of a 16-byte load as the low three bytes of a 32-bit lane: the
    // same value Hash3 takes from the position's eight-byte load. The second table starts at byte 6, for
    // the last positions of a line, whose three bytes end at the load's last byte.
    private static readonly Vector256<byte> ThreeBytesPerLane = Vector256.Create(
        (byte)0, 1, 2, 0x80, 1, 2, 3, 0x80, 2, 3, 4, 0x80, 3, 4, 5, 0x80,
        4, 5, 6, 0x80, 5, 6, 7, 0x80, 6, 7, 8, 0x80, 7, 8, 9, 0x80);
    private static readonly Vector256<byte> ThreeBytesPerLaneFromSix = Vector256.Create(
        (byte)6, 7, 8, 0x80, 7, 8, 9, 0x80, 8, 9, 10, 0x80, 9, 10, 11, 0x80,
        10, 11, 12, 0x80, 11, 12, 13, 0x80, 12, 13, 14, 0x80, 13, 14, 15, 0x80);

    /// <summary>
    /// The first pass for eight positions per step: their three-byte hashes computed in one vector and
    /// the anchor bitmap read with one gather. Positions whose bit is set go on to the four-byte bitmap
    /// and the comparison, as in the scalar path. The positions after the last full step are looked up
    /// in the line's last 16 bytes, so a line of 16 bytes or more needs no scalar pass.
    /// </summary>
    private bool FindEightAtATime<TSink>(ReadOnlySpan<byte> line, int from, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        ref var start = ref MemoryMarshal.GetReference(line);
        var anchors = _threeByteAnchors;
        var i = from;
        for (; i + 16 <= line.Length; i += 8)
            found |= CheckHits(line, i, AnchorHits(Vector128.LoadUnsafe(ref start, (nuint)i), ThreeBytesPerLane, anchors), ref sink);
        // Positions i .. Length-3 remain (at most 13): lanes 0-7 and 6-13 of the last 16 bytes cover
        // Length-16 .. Length-3; those before i were looked up already.
        var last = line.Length - 16;
        var tail = Vector128.LoadUnsafe(ref start, (nuint)last);
        var hits = AnchorHits(tail, ThreeBytesPerLane, anchors) | AnchorHits(tail, ThreeBytesPerLaneFromSix, anchors) << 6;
        return found | CheckHits(line, last, hits & (uint.MaxValue << (i - last)), ref sink);
    }

    /// <summary>One bit per lane: whether the anchor bitmap holds the hash of that lane's three bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint AnchorHits(Vector128<byte> bytes, Vector256<byte> lanes, ulong* anchors)
    {
        var windows = Avx2.Shuffle(Vector256.Create(bytes, bytes) | Vector256.Create((byte)0x20), lanes).AsUInt32();
        var hashes = (windows * Vector256.Create(0x9E3779B1u)) >> (32 - HashBits);
        var words = Avx2.GatherVector256((uint*)anchors, (hashes >> 5).AsInt32(), 4);
        // Each lane's bit moved to the sign bit: MoveMask gives one bit per position.
        var bitInWord = Vector256.Create(31u);
        return (uint)Avx.MoveMask(Avx2.ShiftLeftLogicalVariable(words, bitInWord - (hashes & bitInWord)).AsSingle());
    }

    /// <summary>The positions from + bit of the anchor hits, on to the four-byte bitmap and the comparison.</summary>
    private bool CheckHits<TSink>(ReadOnlySpan<byte> line, int from, uint hits, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        for (; hits != 0; hits &= hits - 1)
        {
            var at = from + BitOperations.TrailingZeroCount(hits);
            var window = WindowAt(line, at) | Fold;
            var hash = Hash3(window);
            if ((Bit(_anchorsAtEnd, hash) | Bit(_fourByteAnchors, Hash4(window))) != 0)
                found |= Verify(line, at, hash, ref sink);
        }
        return found;
    }
}
