using System.Text;
using HookGuard.GitStore;
using HookGuard.Platform;

namespace HookGuard.Sources.Staged;

/// <summary>
/// Reads the changed files' versions from the object database and prepares them in order (binary or
/// lines, and the edit script of a modified file) into a queue; it gives up on the first file it cannot
/// read as git would, and git produces that file and the ones after it.
/// </summary>
internal static class StagedFileReader
{
    // git's buffer_is_binary: a NUL in the first 8000 bytes (TextEncodingSniffer.SniffLength) of either
    // side makes the file "Binary files differ".

    /// <summary>
    /// Lines of one file (both versions) beyond which git diffs it: line tables and the diff's arrays take
    /// ~20 bytes a line, which for a file of very short lines is several times its size.
    /// </summary>
    public const int MaxLines = 512 * 1024;

    /// <param name="budget">
    /// Blob bytes it may read, in all or (<paramref name="budgetPerFile"/>) for each file: the index's
    /// sizes are the files' when staged, and a filter (LFS, line endings) may have stored more.
    /// </param>
    public static void ReadAll(List<FileChange> changes, ObjectDatabase objects, PreparedFileQueue queue, long budget, bool budgetPerFile)
    {
        var gaveUp = false;
        Exception? failure = null;
        try
        {
            var left = budget;
            foreach (var change in changes)
            {
                if (!change.ContentChanged) continue; // a mode change: git's patch has no index line and no hunk
                if (budgetPerFile) left = budget;
                if (!queue.WaitForRoom(EstimatedBytes(change))) break;
                if (Prepare(change, objects, ref left) is not { } file)
                {
                    gaveUp = true;
                    break;
                }
                if (!queue.TryAdd(file)) break;
            }
        }
        catch (Exception e) when (InProcessReadGate.IsUnreadable(e) && GitFallback.Note(e)) { gaveUp = true; }
        catch (Exception e) { failure = e; } // on a thread of its own: the taker rethrows it
        finally { queue.Complete(gaveUp, failure); }
    }

    /// <summary>What its prepared form will hold (see <see cref="PreparedFile.Bytes"/>), from the index's size: the text and its line table.</summary>
    private static long EstimatedBytes(FileChange change) => change.HasText ? change.StagedSize + change.StagedSize / 4 : 0;

    private static PreparedFile? Prepare(FileChange change, ObjectDatabase objects, ref long budget)
    {
        var path = Encoding.UTF8.GetString(change.Path);
        var oldId = change.OldId is null ? new string('0', 2 * ObjectId.Length) : ObjectId.ToHex(change.OldId);
        var prepared = new PreparedFile(path, oldId, ObjectId.ToHex(change.NewId));
        if (!change.HasText) return prepared; // submodules: listed, not scanned

        if (ReadBlob(objects, change.NewId, ref budget) is not { } content) return null;
        byte[]? old = null;
        if (change.OldId is not null && (old = ReadBlob(objects, change.OldId, ref budget)) is null) return null;
        if (IsBinary(content) || old is not null && IsBinary(old)) return prepared with { Binary = true };

        var count = TextLines.CountLines(content);
        var oldCount = old is null ? 0 : TextLines.CountLines(old);
        if (count + oldCount > MaxLines) return null;
        var lines = new TextLines(content, count);
        if (old is null) return prepared with { Lines = lines };
        return LineDiff.Compute(new TextLines(old, oldCount), lines) is { } diff ? prepared with { Lines = lines, Diff = diff } : null;
    }

    private static byte[]? ReadBlob(ObjectDatabase objects, byte[] id, ref long budget)
    {
        if (objects.Read(id) is not { Kind: GitObjectKind.Blob, Content: var content }) return null;
        budget -= content.Length;
        return budget >= 0 ? content : null;
    }

    private static bool IsBinary(byte[] content) => content.AsSpan(0, Math.Min(content.Length, TextEncodingSniffer.SniffLength)).IndexOf((byte)0) >= 0;
}
