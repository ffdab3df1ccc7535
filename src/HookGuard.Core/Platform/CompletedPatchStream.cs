namespace HookGuard.Platform;

/// <summary>
/// The staged patch as the installed pre-commit hook pipes it in: git's output, then a marker line the
/// hook writes only when git succeeded. The patch passes through with its last bytes held back until the
/// end, where the marker must stand; without it git failed or was cut short, and the scan must not pass.
/// </summary>
internal sealed class CompletedPatchStream(Stream inner) : ForwardReadStream
{
    public const string MarkerLine = "hookguard: end of patch";
    private static readonly byte[] Marker = System.Text.Encoding.ASCII.GetBytes(MarkerLine + "\n");

    // Not zeroed: a typical commit's patch fills a few KB of it, and zeroing would fault in all 64.
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
    // Bytes read but not yet passed on: _buffer[_start.._end].
    private int _start, _end;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            // Everything but the last marker-length bytes is certainly patch.
            var releasable = _end - _start - Marker.Length;
            if (releasable > 0)
            {
                var count = Math.Min(releasable, buffer.Length);
                _buffer.AsSpan(_start, count).CopyTo(buffer);
                _start += count;
                return count;
            }
            if (_ended) return 0;
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_start, _end) = (0, _end - _start);
            var read = inner.Read(_buffer.AsSpan(_end));
            if (read > 0)
            {
                _end += read;
                continue;
            }
            _ended = true;
            if (!_buffer.AsSpan(_start, _end - _start).SequenceEqual(Marker))
                throw new GitException("the staged diff the hook piped in ended without its completion line: git diff failed (its message is above) " +
                    "or was cut short, so nothing was scanned and the commit is stopped");
            _start = _end;
        }
    }
}
