using System.Runtime.InteropServices;
using System.Text;
using HookGuard.Platform;
using HookGuard.Yaml;

namespace HookGuard.Config;

/// <summary>
/// Reads `.hookguard.yaml` or the baseline from the working tree, refusing what could hang, flood or
/// leak: only a regular file inside the repository is opened (a FIFO blocks its reader forever, a
/// device never ends, a symbolic link may lead to another user's secrets), and at most a bounded number
/// of bytes is read. No error repeats the refused file's content.
/// </summary>
internal static partial class PolicyFile
{
    /// <summary>A configuration is a few kilobytes; a thousand times that is a mistake or an attack.</summary>
    public const long MaxConfigBytes = 1 << 20;

    /// <summary>A baseline line per accepted finding: 16 MB holds about a hundred thousand.</summary>
    public const long MaxBaselineBytes = 16 << 20;

    /// <summary>The file's text; null when there is none. Anything but a regular file inside the root is a <see cref="ConfigException"/>.</summary>
    public static string? ReadWorkingCopy(string root, string path, string displayName, long maxBytes)
    {
        var full = Path.GetFullPath(path, root);
        var kind = KindOf(full, followLinks: false);
        if (kind == FileKind.Missing) return null;
        if (kind == FileKind.SymbolicLink)
        {
            if (!LinkStaysInside(root, full))
                throw Refused(displayName, "is a symbolic link to a place outside the repository (or into .git); HookGuard reads it only from a regular file inside the repository");
            kind = KindOf(full, followLinks: true);
            if (kind == FileKind.Missing) return null;
        }
        if (kind != FileKind.Regular)
            throw Refused(displayName, $"is {Describe(kind)}, not a regular file; HookGuard opens only regular files here");
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return ReadBounded(stream, displayName, maxBytes);
    }

    /// <summary>At most maxBytes, decoded as UTF-8; more is an error naming the limit.</summary>
    public static string ReadBounded(Stream stream, string displayName, long maxBytes)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var content = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes) throw TooLarge(displayName, maxBytes);
        }
        return Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length);
    }

    public static ConfigException TooLarge(string displayName, long maxBytes) =>
        Refused(displayName, $"is larger than {maxBytes / 1024} KB, the most HookGuard reads for it");

    public static ConfigException Refused(string displayName, string why) => new([new ConfigError(displayName, 0, 0, why)]);

    /// <summary>The link's final target lies under the root and outside its .git folder.</summary>
    private static bool LinkStaysInside(string root, string link)
    {
        FileSystemInfo? target;
        try { target = File.ResolveLinkTarget(link, returnFinalTarget: true); }
        catch (IOException) { return false; } // a loop, or too many levels
        if (target is null) return false;
        var relative = Path.GetRelativePath(RealPath(root), RealPath(target.FullName));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative)
            && relative.Split(Path.DirectorySeparatorChar)[0] != ".git";
    }

    /// <summary>A path with every symbolic link in it resolved (temporary folders often sit behind one).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : RealPath(parent);
        var here = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        try
        {
            if (File.ResolveLinkTarget(here, returnFinalTarget: true) is { } target) return RealPath(target.FullName);
        }
        catch (IOException) { }
        return here;
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Device => "a device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    public enum FileKind { Missing, Regular, Directory, SymbolicLink, Fifo, Device, Socket, Other }

    /// <summary>What is at the path, without opening it (opening a FIFO blocks until a writer comes).</summary>
    public static FileKind KindOf(string path, bool followLinks)
    {
        if (OperatingSystem.IsLinux()) return LinuxKind(path, followLinks);
        if (OperatingSystem.IsMacOS()) return DarwinKind(path, followLinks);
        var info = new FileInfo(path);
        if (!info.Exists) return Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        if (!followLinks && info.LinkTarget is not null) return FileKind.SymbolicLink;
        return FileKind.Regular; // Windows has no FIFOs or devices among files
    }

    private static FileKind FromMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 or 0x6000 => FileKind.Device,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    // statx's layout is the same on every Linux architecture: stx_mode is a u16 at offset 28.
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxType = 1;

    private static unsafe FileKind LinuxKind(string path, bool followLinks)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
            return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : FileKind.Other; // ENOENT, ENOTDIR
        return FromMode(*(ushort*)(buffer + 28));
    }

    // Darwin: st_mode is a u16 after the 32-bit st_dev in struct stat (both inode layouts).
    private static unsafe FileKind DarwinKind(string path, bool followLinks)
    {
        var buffer = stackalloc byte[512];
        if ((followLinks ? Stat(path, buffer) : LStat(path, buffer)) != 0)
            return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : FileKind.Other;
        return FromMode(*(ushort*)(buffer + 4));
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LStat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
