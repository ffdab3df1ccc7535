using System.Runtime.InteropServices;

namespace HookGuard.Platform;

/// <summary>
/// A file mapped read-only (Linux, where the in-process staged read runs): its pages come from the page
/// cache, many per fault, where reading it copies every page into fresh memory (a 2,000-file index read
/// whole is ~40 page faults, mapped a handful). git replaces its files by renaming, never rewrites them
/// in place, so a mapping stays whole.
/// </summary>
internal sealed unsafe partial class MappedFile : IDisposable
{
    private const int ProtRead = 1, MapPrivate = 2;

    private byte* _start;

    private MappedFile(byte* start, int length)
    {
        _start = start;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _start is null ? throw new ObjectDisposedException(nameof(MappedFile)) : new(_start, Length);

    /// <summary>The file mapped; null when it is empty, over 2 GB or cannot be mapped.</summary>
    public static MappedFile? Open(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length is 0 or > int.MaxValue) return null;
        var start = Map(null, (nuint)length, ProtRead, MapPrivate, (int)handle.DangerousGetHandle(), 0);
        return start == (void*)-1 ? null : new MappedFile((byte*)start, (int)length);
    }

    public void Dispose()
    {
        if (_start is null) return;
        // Nothing to do about a failed munmap of a mapping this process made; the process ends soon.
        _ = Unmap(_start, (nuint)Length);
        _start = null;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial void* Map(void* address, nuint length, int protection, int flags, int fileDescriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(void* address, nuint length);
}
