using HookGuard.Findings;

namespace HookGuard.Sources;

/// <summary>What a patch reader hands on: commits, files and the lines of their hunks, as raw bytes.</summary>
public interface IPatchSink
{
    void BeginCommit(CommitInfo commit);

    /// <summary>A file whose new version has lines in this patch; false skips its lines.</summary>
    bool BeginFile(string path);

    /// <summary>A file git treats as binary; its lines are not in the patch.</summary>
    void BinaryFile(string path);

    /// <summary>A hunk line of the new version: added, or context (kept for allowlist comments on the line above).</summary>
    void Line(int lineNumber, ReadOnlySpan<byte> content, bool added);
}
