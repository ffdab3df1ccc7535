using HookGuard.Git.Store;

namespace HookGuard.Git.Staged;

/// <summary>One path whose staged entry differs from HEAD's: added (no old side) or modified; StagedSize as the index records it.</summary>
internal sealed record FileChange(byte[] Path, int OldMode, byte[]? OldId, int NewMode, byte[] NewId, long StagedSize)
{
    public bool ContentChanged => OldId is null || !OldId.AsSpan().SequenceEqual(NewId);

    /// <summary>A regular file's text is scanned; symlinks and submodules are not (nor are they in a patch read from git).</summary>
    public bool IsRegularFile => EntryMode.IsRegular(NewMode);

    /// <summary>Its new text is read and scanned: a regular file whose content changed.</summary>
    public bool IsScanned => ContentChanged && IsRegularFile;
}
