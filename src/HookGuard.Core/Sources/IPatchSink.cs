using System.Text;
using HookGuard.Findings;

namespace HookGuard.Sources;

/// <summary>
/// The one contract between a source and the matcher: commits, files and their lines, as raw bytes.
/// Every source (a patch, a staged snapshot, a history, files on disk) hands its added lines through it.
/// </summary>
internal interface IPatchSink
{
    void BeginCommit(CommitInfo commit);

    /// <summary>A file whose new version has lines in this patch; false skips its lines.</summary>
    bool BeginFile(string path);

    /// <summary>
    /// A file new in this change (added, renamed or copied) with no line in the patch (empty, or a pure
    /// rename): only its name is new, and a name can hold a secret too.
    /// </summary>
    void NewName(string path);

    /// <summary>A file git treats as binary; its lines are not in the patch.</summary>
    void BinaryFile(string path);

    /// <summary>A hunk line of the new version: added, or context (kept for allowlist comments on the line above).</summary>
    void Line(int lineNumber, ReadOnlySpan<byte> content, bool added);

    /// <summary>A line already decoded (UTF-16/UTF-32 text); rare, so it is simply re-encoded.</summary>
    void Line(int lineNumber, string text, bool added) => Line(lineNumber, Encoding.UTF8.GetBytes(text), added);

    /// <summary>
    /// A file a source could not scan (too large, unreadable, a FIFO), reported rather than silently passed.
    /// No default: a sink that wraps another must pass it on, never drop it.
    /// </summary>
    void Skip(string path, string reason);

    /// <summary>
    /// A file the patch showed as binary that its source decoded after all (UTF-16/UTF-32 text),
    /// returning to the commit it belongs to; false skips its lines. No default, for the reason above.
    /// </summary>
    bool BeginDecodedFile(string path, CommitInfo? commit);
}
