using HookGuard.GitStore;

namespace HookGuard.Sources.Staged;

/// <summary>One path whose staged entry differs from HEAD's: added (no old side) or modified; StagedSize as the index records it.</summary>
internal sealed record FileChange(byte[] Path, int OldMode, byte[]? OldId, int NewMode, byte[] NewId, long StagedSize)
{
    public bool ContentChanged => OldId is null || !OldId.AsSpan().SequenceEqual(NewId);

    /// <summary>
    /// A regular file's text is scanned, and a symlink's target (its blob, one line in git's patch too);
    /// a submodule's commit is not.
    /// </summary>
    public bool HasText => EntryMode.IsRegular(NewMode) || EntryMode.IsSymlink(NewMode);

    /// <summary>Its new text is read and scanned: a file or symlink whose content changed.</summary>
    public bool IsScanned => ContentChanged && HasText;
}
