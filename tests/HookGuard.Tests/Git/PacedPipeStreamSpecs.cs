using System.IO.Pipes;
using HookGuard.Platform;

namespace HookGuard.Tests.Git;

/// <summary>A real pipe, written to in git's 4 KB pieces by another thread, read through the paced stream.</summary>
public class PacedPipeStreamSpecs
{
    [Test]
    public void A_big_diff_arrives_whole_and_the_reader_pauses_instead_of_waking_for_every_write()
    {
        var (received, pauses) = PipeThrough(3 << 20);
        Assert.That(received.Length, Is.EqualTo(3 << 20));
        Assert.That(received.AsSpan().SequenceEqual(Content(3 << 20)), "the bytes arrive unchanged and in order");
        if (OperatingSystem.IsLinux()) Assert.That(pauses, Is.GreaterThan(0), "on Linux the pipe is enlarged and a trickling big diff is paced");
    }

    [Test]
    public void An_ordinary_commit_is_never_paused()
    {
        var (received, pauses) = PipeThrough(200 * 1024);
        Assert.That((received.Length, pauses), Is.EqualTo((200 * 1024, 0)));
    }

    [Test]
    public void A_reader_asking_for_small_pieces_that_come_back_whole_never_pauses()
    {
        // Pacing is judged against what was asked for: 1,000 bytes returned for 1,000 asked is no sign
        // of a drained pipe, however far into a big diff (the pipe here only supplies the pacing).
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var stream = PacedPipeStream.Over(new MemoryStream(Content(3 << 20)), (int)client.SafePipeHandle.DangerousGetHandle());
        var buffer = new byte[1000];
        long total = 0;
        for (int read; (read = stream.Read(buffer)) > 0;) total += read;
        Assert.That((total, stream.Pauses), Is.EqualTo((3L << 20, 0)));
    }

    [Test]
    public void A_file_is_read_straight_through()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Content(2 << 20));
            using var file = File.OpenRead(path);
            using var stream = PacedPipeStream.Over(file, (int)file.SafeFileHandle.DangerousGetHandle());
            var copy = new MemoryStream();
            var buffer = new byte[1000];
            for (int read; (read = stream.Read(buffer)) > 0;) copy.Write(buffer, 0, read);
            Assert.That((copy.Length, stream.Pauses), Is.EqualTo((2L << 20, 0)), "not a pipe: no pacing, however short the reads");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (byte[] Received, int Pauses) PipeThrough(int length)
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var content = Content(length);
        long consumed = 0;
        var writer = Task.Run(() =>
        {
            // As git writes: 4 KB at a time. The last piece waits until the reader has drained the pipe,
            // so that its read is a short one, whatever the machine's load.
            var last = length - 4096;
            for (var at = 0; at < last; at += 4096) server.Write(content, at, 4096);
            SpinWait.SpinUntil(() => Interlocked.Read(ref consumed) == last);
            server.Write(content, last, 4096);
            server.Dispose();
        });
        using var stream = PacedPipeStream.Over(client, (int)client.SafePipeHandle.DangerousGetHandle());
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            received.Write(buffer, 0, read);
            Interlocked.Add(ref consumed, read);
        }
        writer.Wait();
        return (received.ToArray(), stream.Pauses);
    }

    private static byte[] Content(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 + (i >> 12)))];
}
