using System.Runtime.InteropServices;

namespace HookGuard.Platform;

/// <summary>
/// A pipe from git, read so that git is not slowed down by the reading. git writes a diff 4 KB at a
/// time; a reader that always waits on the pipe is woken for every write, and each wake-up costs the
/// writer time in the kernel (a large share of a big diff's time in a VM). So on Linux the pipe is enlarged to 1 MB and, once a diff has proved big, a
/// read that found the pipe nearly drained is followed by a 1 ms pause, during which git fills the pipe
/// without waking anyone. Diffs under 1 MB (every ordinary commit) are never paused; elsewhere, or when
/// the pipe cannot be enlarged, reads pass straight through.
/// </summary>
internal sealed partial class PacedPipeStream : ForwardReadStream
{
    private const int PipeSize = 1 << 20;
    private const int PausedAfter = 1 << 20;
    private const int F_SETPIPE_SZ = 1031;

    private readonly Stream _inner;
    private readonly bool _paced;
    private long _read;

    private PacedPipeStream(Stream inner, bool paced) => (_inner, _paced) = (inner, paced);

    /// <summary>The standard input, paced when it is a pipe that could be enlarged.</summary>
    public static PacedPipeStream StandardInput() => Over(Console.OpenStandardInput(), fileDescriptor: 0);

    /// <summary>A stream reading the pipe with that file descriptor.</summary>
    public static PacedPipeStream Over(Stream pipe, int fileDescriptor) => new(pipe, TryEnlarge(fileDescriptor));

    /// <summary>Reads that were followed by a pause (the pacing at work, for tests and diagnostics).</summary>
    internal int Pauses { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _read += read;
        // Less than half of what was asked for: the pipe was nearly drained. Relative to the request, so a
        // caller reading small pieces gets them whole and pauses only when it has outrun git.
        if (_paced && read > 0 && read < buffer.Length / 2 && _read > PausedAfter)
        {
            Pauses++;
            Thread.Sleep(1);
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    private static bool TryEnlarge(int fileDescriptor)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // Fails on anything but a pipe (a file, a terminal) and past the system's pipe-max-size.
            return SetPipeSize(fileDescriptor, F_SETPIPE_SZ, PipeSize) >= PipeSize;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int SetPipeSize(int fileDescriptor, int command, int size);
}
