namespace HookGuard.Git.Store;

/// <summary>
/// Reads files that are often absent (an attributes file per folder, a loose object that was packed)
/// without an exception for the absence: in the native binary a thrown exception costs ~40,000
/// instructions of unwinding and faults in the unwind tables; asking first costs one stat.
/// </summary>
internal static class OptionalFile
{
    /// <summary>The file's bytes; null when it is absent. Unreadable (present, no permission): IOException or UnauthorizedAccessException.</summary>
    public static byte[]? ReadAllBytes(string path)
    {
        if (!File.Exists(path)) return null;
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; } // removed since
    }

    /// <summary>The file opened for reading, unbuffered (its reader buffers); null when it is absent.</summary>
    public static FileStream? OpenRead(string path)
    {
        if (!File.Exists(path)) return null;
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; } // removed since
    }
}
