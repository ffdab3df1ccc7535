using System.Runtime.InteropServices;

namespace HookGuard.Platform;

/// <summary>The read end of a pipe, read with read(2) directly; owns and closes the descriptor.</summary>
internal sealed partial class FileDescriptorStream(int fileDescriptor) : ForwardReadStream
{
    private const int EINTR = 4;
    private bool _closed;

    public int FileDescriptor => fileDescriptor;

    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = ReadNative(fileDescriptor, start, buffer.Length);
                if (read >= 0) return (int)read;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) throw new IOException($"reading from a pipe failed (errno {errno})");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!_closed) _ = SpawnedProcess.Close(fileDescriptor);
        _closed = true;
        base.Dispose(disposing);
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadNative(int fileDescriptor, byte* buffer, nint count);
}
