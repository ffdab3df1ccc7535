using System.Runtime.InteropServices;
using System.Text;

namespace HookGuard.Reporting;

/// <summary>
/// Console.Out and Console.Error written with write(2) on Linux. .NET's console streams set the
/// terminal up at their first write: a signal-handling thread, terminal settings, terminfo when it is
/// a terminal; a noticeable share of a hook's life, for output that needs none of it. Like the console, a
/// reader that went away (EPIPE: `hookguard rules list | head`) or a closed descriptor ends the output quietly.
/// </summary>
internal static partial class StandardStreams
{
    private const int StandardOutput = 1, StandardError = 2;

    public static void Install()
    {
        if (!OperatingSystem.IsLinux()) return;
        Console.SetOut(WriterFor(StandardOutput));
        Console.SetError(WriterFor(StandardError));
    }

    private static StreamWriter WriterFor(int fileDescriptor) =>
        new(new DescriptorWriteStream(fileDescriptor), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 256) { AutoFlush = true };

    private sealed partial class DescriptorWriteStream(int fileDescriptor) : Stream
    {
        private const int EBADF = 9, EINTR = 4, EAGAIN = 11, EPIPE = 32;
        private bool _readerGone;

        public override unsafe void Write(ReadOnlySpan<byte> buffer)
        {
            fixed (byte* start = buffer)
            {
                var at = 0;
                while (at < buffer.Length && !_readerGone)
                {
                    var written = WriteNative(fileDescriptor, start + at, buffer.Length - at);
                    if (written >= 0)
                    {
                        at += (int)written;
                        continue;
                    }
                    switch (Marshal.GetLastPInvokeError())
                    {
                        case EINTR: break;
                        // A descriptor left non-blocking by whoever started us: wait for room, as the console does.
                        case EAGAIN: Thread.Sleep(1); break;
                        // The reader went away, or there was none (the descriptor closed): nobody to tell.
                        case EPIPE or EBADF: _readerGone = true; break;
                        case var errno: throw new IOException($"writing to {(fileDescriptor == StandardOutput ? "standard output" : "standard error")} failed (errno {errno})");
                    }
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static unsafe partial nint WriteNative(int fileDescriptor, byte* buffer, nint count);
    }
}
