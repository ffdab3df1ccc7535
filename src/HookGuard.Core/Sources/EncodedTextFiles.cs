using System.Text;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Platform;

namespace HookGuard.Sources;

/// <summary>
/// The files a patch shows as "Binary files differ", decided again by their content: git also says so
/// for text it was told is binary (`-diff` or `binary` in .gitattributes or .git/info/attributes, a
/// diff driver with `binary = true`, a blob over core.bigFileThreshold), and for UTF-16/UTF-32 text
/// (it holds NULs). Both versions are read; a new version that is text (no NUL in its first 8000
/// bytes, as git sniffs) or has a Unicode BOM has the lines it adds scanned, and only a file binary by
/// content stays a skipped binary file.
/// </summary>
internal static class EncodedTextFiles
{
    /// <summary>Blob specs for a binary file: its new version and the one it replaced.</summary>
    public delegate (string NewSpec, string OldSpec) SpecsFor(string path, CommitInfo? commit);

    /// <summary>A diff's lines into <paramref name="sink"/>, then the files it showed as binary, decided again by content.</summary>
    public static void Read(Repository repo, GitDiff diff, IPatchSink sink, SpecsFor specs)
    {
        var recorder = new BinaryFileRecorder(sink);
        diff.Read(recorder);
        Scan(repo, sink, recorder.Files, specs);
    }

    /// <summary>A history's lines into <paramref name="sink"/>, then the files its commits showed as binary, decided again by content.</summary>
    public static void ReadHistory(Repository repo, IReadOnlyList<string> revisions, IPatchSink sink, IPatchSink decodedSink)
    {
        var recorder = new BinaryFileRecorder(sink);
        CommitLog.Read(repo, revisions, recorder);
        Scan(repo, decodedSink, recorder.Files, InCommit);
    }

    private static void Scan(Repository repo, IPatchSink scanner, List<(string Path, CommitInfo? Commit)> binaryFiles, SpecsFor specs)
    {
        foreach (var (path, commit) in binaryFiles)
        {
            var (newSpec, oldSpec) = specs(path, commit);
            var content = ReadBlob(repo, newSpec, stopIfBinary: true);
            if (content is null) continue;
            switch (TextEncodingSniffer.Sniff(content, out var encoding))
            {
                case ContentKind.Bom:
                    ScanEncoded(repo, scanner, path, commit, content, encoding!, oldSpec);
                    break;
                case ContentKind.Utf8:
                    var old = ReadBlob(repo, oldSpec, stopIfBinary: true);
                    if (old is not null && TextEncodingSniffer.Sniff(old, out _) != ContentKind.Utf8) old = null;
                    if (scanner.BeginDecodedFile(path, commit)) TextChange.Emit(scanner, content, old);
                    break;
            }
        }
    }

    private static void ScanEncoded(Repository repo, IPatchSink scanner, string path, CommitInfo? commit, byte[] content, Encoding encoding, string oldSpec)
    {
        var old = new Dictionary<string, int>(StringComparer.Ordinal);
        if (ReadBlob(repo, oldSpec, stopIfBinary: false) is { } oldContent && TextEncodingSniffer.Sniff(oldContent, out var oldEncoding) == ContentKind.Bom)
            foreach (var line in TextEncodingSniffer.Lines(oldContent, oldEncoding!))
                old[line] = old.GetValueOrDefault(line) + 1;

        if (!scanner.BeginDecodedFile(path, commit)) return;
        var number = 1;
        foreach (var line in TextEncodingSniffer.Lines(content, encoding))
        {
            var unchanged = old.TryGetValue(line, out var count) && count > 0;
            if (unchanged) old[line] = count - 1;
            scanner.Line(number++, line, added: !unchanged);
        }
    }

    public static SpecsFor Staged => (path, _) => (":" + path, "HEAD:" + path);

    public static SpecsFor InCommit => (path, commit) => ($"{commit!.Sha}:{path}", $"{commit.Sha}^:{path}");

    /// <summary>
    /// A blob's content; null when git cannot read it (a path the old version lacks). With
    /// <paramref name="stopIfBinary"/>, a blob binary by content (a NUL in its first 8000 bytes, no
    /// BOM) is read no further than that: a large image or archive is never held whole.
    /// </summary>
    private static byte[]? ReadBlob(Repository repo, string spec, bool stopIfBinary)
    {
        using var git = GitProcess.Start(repo.Root, ["cat-file", "blob", spec]);
        using var memory = new MemoryStream();
        if (stopIfBinary)
        {
            var head = new byte[TextEncodingSniffer.SniffLength];
            var read = git.Output.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            memory.Write(head, 0, read);
            if (read == head.Length && TextEncodingSniffer.Sniff(head, out _) == ContentKind.Binary) return head;
        }
        git.Output.CopyTo(memory);
        return git.WaitForExit() == 0 ? memory.ToArray() : null;
    }
}
