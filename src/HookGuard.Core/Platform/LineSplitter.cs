using System.Buffers;

namespace HookGuard.Platform;

/// <summary>
/// Splits a byte stream on '\n' using one pooled buffer; a line is a span valid until the next call.
/// Lines longer than the buffer grow it (a minified file can be one 50 MB line).
/// </summary>
internal sealed class LineSplitter : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start, _end;
    private bool _eof;

    public LineSplitter(Stream stream) => _stream = stream;

    public long BytesRead { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = searchFrom + newline;
                line = _buffer.AsSpan(_start, at - _start);
                _start = at + 1;
                return true;
            }
            searchFrom = _end;
            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                return true;
            }
            searchFrom -= Fill();
        }
    }

    /// <summary>Reads more input; returns how far existing content moved towards the buffer's start.</summary>
    private int Fill()
    {
        var shift = _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
        BytesRead += read;
        return shift;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
