using System.Runtime.InteropServices;

namespace HookGuard.Platform;

/// <summary>What a path is, without following a symlink and without opening it.</summary>
internal enum FileKind { Missing, Regular, Directory, Symlink, Fifo, Socket, CharacterDevice, BlockDevice, Other }

/// <summary>
/// lstat's answer. Opening a FIFO for reading waits for a writer, and a device may never end: a source
/// opens only what this calls <see cref="FileKind.Regular"/>, and says what it left alone. .NET's own
/// file APIs tell only files from folders, hence the system call (statx on Linux, whose layout is the
/// same on every architecture; lstat elsewhere, where st_mode follows a 4-byte st_dev).
/// </summary>
internal static unsafe partial class FileKinds
{
    private const int AtCurrentDirectory = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 1;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        var buffer = stackalloc byte[256];
        int mode;
        if (OperatingSystem.IsLinux())
        {
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return Absent();
            mode = *(ushort*)(buffer + 28); // stx_mode
        }
        else
        {
            if (LStat(path, buffer) != 0) return Absent();
            mode = *(ushort*)(buffer + 4);
        }
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Other,
        };
    }

    /// <summary>Words for a report: "FIFO", "socket", "character device", ...</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "FIFO",
        FileKind.Socket => "socket",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Symlink => "symlink",
        FileKind.Directory => "folder",
        _ => "not a regular file",
    };

    /// <summary>A path that cannot be stat'ed: absent, or not reachable (a source then reports it as unreadable).</summary>
    private static FileKind Absent() => Marshal.GetLastPInvokeError() is 2 or 20 /* ENOENT, ENOTDIR */ ? FileKind.Missing : FileKind.Other;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, byte* buffer);
}
