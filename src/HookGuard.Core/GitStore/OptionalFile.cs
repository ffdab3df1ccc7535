using HookGuard.Platform;

namespace HookGuard.GitStore;

/// <summary>
/// Reads files that are often absent (an attributes file per folder, a loose object that was packed)
/// without an exception for the absence: in the native binary a thrown exception costs ~40,000
/// instructions of unwinding and faults in the unwind tables; asking first costs one stat. Only a
/// regular file is opened: a FIFO or device where a .gitattributes or a ref belongs would hang the read
/// (it is unreadable, and git decides).
/// </summary>
internal static class OptionalFile
{
    /// <summary>The file's bytes; null when it is absent. Unreadable (present, no permission): IOException or UnauthorizedAccessException.</summary>
    public static byte[]? ReadAllBytes(string path)
    {
        if (!IsRegular(path)) return null;
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; } // removed since
    }

    /// <summary>The file opened for reading, unbuffered (its reader buffers); null when it is absent.</summary>
    public static FileStream? OpenRead(string path)
    {
        if (!IsRegular(path)) return null;
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; } // removed since
    }

    /// <summary>
    /// False when absent (or /dev/null, an empty configuration as git reads it); for a FIFO an error
    /// that stops the scan, since git would wait on it as long as this read would; an IOException (git
    /// decides) for anything else that is not a regular file.
    /// </summary>
    private static bool IsRegular(string path) => FileKinds.Of(path) switch
    {
        FileKind.Missing => false,
        FileKind.Regular => true,
        FileKind.CharacterDevice when path == "/dev/null" => false,
        FileKind.Fifo => throw new GitException(
            $"{path} is a FIFO, not a file: git (and this scan) would wait on it forever. Remove it and try again.", isUsageError: true),
        var kind => throw new IOException($"{path} is a {FileKinds.Describe(kind)}, not a regular file"),
    };
}
