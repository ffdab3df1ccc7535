using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using HookGuard.Rules;

namespace HookGuard.Matching;

/// <summary>The scalar search: five positions per eight-byte window, then the bucket's keywords compared.</summary>
internal sealed unsafe partial class KeywordIndex
{
    private bool Find<TSink>(ReadOnlySpan<byte> line, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        // Indentation holds no keyword: skipped vectorized, it is a fifth of ordinary source.
        var indent = _skipIndentation ? line.IndexOfAnyExcept((byte)' ', (byte)'\t') : 0;
        if (indent < 0 || line.Length - indent < 3 || _keywordCount == 0) return false;
        // Vectorized, a line of 16 bytes or more is searched to its end, the last positions included.
        if (_vectorized && line.Length >= 16) return FindEightAtATime(line, indent, ref sink);
        var found = false;
        ref var start = ref MemoryMarshal.GetReference(line);
        var i = indent;
        // Eight bytes per load give five positions with their four bytes.
        for (; i + 8 <= line.Length; i += 5)
            found |= CheckWindow(line, i, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)), 5, ref sink);
        if (i <= line.Length - 3)
        {
            // The last positions: the line's final bytes, zero-padded, as one more window.
            found |= CheckWindow(line, i, WindowAt(line, i), line.Length - 2 - i, ref sink);
        }
        return found;
    }


    /// <summary>Eight bytes from the position; near the line's end, its last bytes zero-padded.</summary>
    private static ulong WindowAt(ReadOnlySpan<byte> line, int at)
    {
        ref var start = ref MemoryMarshal.GetReference(line);
        if (at + 8 <= line.Length) return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at));
        ulong window = 0;
        for (var j = line.Length - 1; j >= at; j--) window = window << 8 | Unsafe.Add(ref start, j);
        return window;
    }

    /// <summary>Looks up the first positions of an eight-byte window; only set bits lead on to comparisons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CheckWindow<TSink>(ReadOnlySpan<byte> line, int at, ulong window, int positions, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        window |= Fold;
        var any = 0UL;
        for (var p = 0; p < positions; p++) any |= Bit(_threeByteAnchors, Hash3(window >> (p << 3)));
        if (any == 0) return false;
        var found = false;
        for (var p = 0; p < positions; p++)
        {
            var shifted = window >> (p << 3);
            var hash = Hash3(shifted);
            if (Bit(_threeByteAnchors, hash) != 0 && (Bit(_anchorsAtEnd, hash) | Bit(_fourByteAnchors, Hash4(shifted))) != 0)
                found |= Verify(line, at + p, hash, ref sink);
        }
        return found;
    }

    /// <summary>Compares the keywords of the hit's bucket where they would start, case-insensitively for ASCII.</summary>
    private bool Verify<TSink>(ReadOnlySpan<byte> line, int position, uint hash, ref TSink sink) where TSink : IKeywordSink, allows ref struct
    {
        var found = false;
        var bucket = hash >> (HashBits - BucketBits);
        for (var k = _bucketStart[bucket]; k < _bucketStart[bucket + 1]; k++)
        {
            ref readonly var keyword = ref _keywords[k];
            var start = position - keyword.Anchor;
            if (keyword.Hash != hash || start < 0 || !StartsWithFolded(line[start..], new ReadOnlySpan<byte>(_folded + keyword.Start, keyword.Length))) continue;
            sink.Found(new ReadOnlySpan<int>(_keywordRules + keyword.RulesStart, keyword.RulesCount), start);
            found = true;
        }
        return found;
    }

    private static bool StartsWithFolded(ReadOnlySpan<byte> text, ReadOnlySpan<byte> folded)
    {
        if (text.Length < folded.Length) return false;
        for (var j = 0; j < folded.Length; j++)
        {
            var b = text[j];
            if (b - (uint)'A' <= 'Z' - 'A') b |= 0x20;
            if (b != folded[j]) return false;
        }
        return true;
    }

    /// <summary>A keyword's bytes from its anchor as a window, case-folded like the line's.</summary>
    private static ulong Window(ReadOnlySpan<byte> folded, int anchor)
    {
        ulong window = 0;
        for (var j = Math.Min(folded.Length, anchor + 8) - 1; j >= anchor; j--) window = window << 8 | folded[j];
        return window | Fold;
    }
}
