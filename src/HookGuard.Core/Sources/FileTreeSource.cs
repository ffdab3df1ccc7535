using System.Text;
using HookGuard.Platform;

namespace HookGuard.Sources;

/// <summary>
/// Whole files and folders, no git needed: every line counts as added. Only regular files are opened: a
/// FIFO, socket or device (in a folder, or named on the command line) would wait for a writer or never
/// end, so it is reported as not scanned instead.
/// </summary>
internal static class FileTreeSource
{
    public static void Scan(IReadOnlyList<string> paths, IPatchSink scanner, long? maxFileSize)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in EnumerateFiles(path))
                    ScanFile(file, Relative(path, file), scanner, maxFileSize);
            }
            else if (File.Exists(path))
            {
                ScanFile(path, path.Replace('\\', '/'), scanner, maxFileSize);
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }
    }

    /// <summary>Named files under a root (git's tracked files), reported by their root-relative paths; links are not followed.</summary>
    public static void ScanFiles(string root, IEnumerable<string> relativePaths, IPatchSink scanner, long? maxFileSize)
    {
        foreach (var relative in relativePaths)
        {
            var file = new FileInfo(Path.Combine(root, relative));
            if (file.Exists && file.LinkTarget is null) ScanFile(file.FullName, relative, scanner, maxFileSize);
        }
    }

    /// <summary>What a file is; a symlink (only ever one named on the command line) is judged by where it leads.</summary>
    private static FileKind RegularTarget(string file)
    {
        var kind = FileKinds.Of(file);
        if (kind != FileKind.Symlink) return kind;
        try { return new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true) is { } target ? FileKinds.Of(target.FullName) : FileKind.Missing; }
        catch (IOException) { return FileKind.Other; }
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>Depth-first, sorted for stable output; symlinks are never followed and .git is skipped.</summary>
    private static IEnumerable<string> EnumerateFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var entry in entries.Reverse())
            {
                if (entry.LinkTarget is not null) continue;
                if (entry is DirectoryInfo d)
                {
                    if (d.Name != ".git") pending.Push(d.FullName);
                }
                else yield return entry.FullName;
            }
        }
    }

    private static void ScanFile(string file, string displayPath, IPatchSink scanner, long? maxFileSize)
    {
        if (!scanner.BeginFile(displayPath)) return;
        if (RegularTarget(file) is var fileKind && fileKind != FileKind.Regular)
        {
            scanner.Skip(displayPath, fileKind == FileKind.Missing ? "removed while scanning" : $"special file ({FileKinds.Describe(fileKind)}), not read");
            return;
        }
        FileStream stream;
        try { stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            scanner.Skip(displayPath, "unreadable: " + e.Message);
            return;
        }
        using (stream)
        {
            if (stream.Length > maxFileSize)
            {
                scanner.Skip(displayPath, $"larger than maxFileSize ({maxFileSize} bytes)");
                return;
            }
            Span<byte> head = stackalloc byte[TextEncodingSniffer.SniffLength];
            var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var kind = TextEncodingSniffer.Sniff(head[..headLength], out var encoding);
            stream.Position = 0;
            switch (kind)
            {
                case ContentKind.Binary:
                    scanner.BinaryFile(displayPath);
                    break;
                case ContentKind.Bom:
                    using (var memory = new MemoryStream())
                    {
                        stream.CopyTo(memory);
                        var number = 1;
                        foreach (var line in TextEncodingSniffer.Lines(memory.ToArray(), encoding!))
                            scanner.Line(number++, line, added: true);
                    }
                    break;
                default:
                    using (var lines = new LineSplitter(stream))
                    {
                        var number = 1;
                        while (lines.TryReadLine(out var line)) scanner.Line(number++, line, added: true);
                    }
                    break;
            }
        }
    }
}
