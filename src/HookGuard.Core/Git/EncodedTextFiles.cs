using System.Text;
using HookGuard.Findings;
using HookGuard.Matching;
using HookGuard.Text;

namespace HookGuard.Git;

/// <summary>
/// Git shows UTF-16/UTF-32 text as binary (it holds NULs), so the patch has no lines for it. For each
/// such file with a BOM, the new and old blobs are decoded here and the lines the change added (lines
/// of the new version that the old one lacks) are scanned.
/// </summary>
public static class EncodedTextFiles
{
    /// <summary>Blob specs for a binary file: its new version and the one it replaced.</summary>
    public delegate (string NewSpec, string OldSpec) SpecsFor(string path, CommitInfo? commit);

    public static void Scan(Repository repo, LineScanner scanner, SpecsFor specs)
    {
        foreach (var (path, commit) in scanner.BinaryFiles.ToList())
        {
            var (newSpec, oldSpec) = specs(path, commit);
            var content = ReadBlob(repo, newSpec);
            if (content is null || TextEncodingSniffer.Sniff(content, out var encoding) != ContentKind.Bom) continue;
            var old = new Dictionary<string, int>(StringComparer.Ordinal);
            if (ReadBlob(repo, oldSpec) is { } oldContent && TextEncodingSniffer.Sniff(oldContent, out var oldEncoding) == ContentKind.Bom)
                foreach (var line in TextEncodingSniffer.Lines(oldContent, oldEncoding!))
                    old[line] = old.GetValueOrDefault(line) + 1;

            if (!scanner.BeginDecodedFile(path, commit)) continue;
            var number = 1;
            foreach (var line in TextEncodingSniffer.Lines(content, encoding!))
            {
                var unchanged = old.TryGetValue(line, out var count) && count > 0;
                if (unchanged) old[line] = count - 1;
                scanner.Line(number++, line, added: !unchanged);
            }
        }
    }

    public static SpecsFor Staged => (path, _) => (":" + path, "HEAD:" + path);

    public static SpecsFor InCommit => (path, commit) => ($"{commit!.Sha}:{path}", $"{commit.Sha}^:{path}");

    private static byte[]? ReadBlob(Repository repo, string spec)
    {
        using var git = GitProcess.Start(repo.Root, ["cat-file", "blob", spec]);
        using var memory = new MemoryStream();
        git.Output.CopyTo(memory);
        return git.WaitForExit() == 0 ? memory.ToArray() : null;
    }
}
