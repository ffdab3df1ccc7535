using HookGuard.Findings;

namespace HookGuard.Sources;

/// <summary>
/// Passes a patch on to its sink and keeps the files it showed as binary, with their commit, so that
/// the source itself can decide them again by content (<see cref="EncodedTextFiles"/>).
/// </summary>
internal sealed class BinaryFileRecorder(IPatchSink inner) : IPatchSink
{
    private CommitInfo? _commit;

    public List<(string Path, CommitInfo? Commit)> Files { get; } = [];

    public void BeginCommit(CommitInfo commit)
    {
        _commit = commit;
        inner.BeginCommit(commit);
    }

    public bool BeginFile(string path) => inner.BeginFile(path);

    public void NewName(string path) => inner.NewName(path);

    public void BinaryFile(string path)
    {
        Files.Add((path, _commit));
        inner.BinaryFile(path);
    }

    public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) => inner.Line(lineNumber, content, added);

    public void Line(int lineNumber, string text, bool added) => inner.Line(lineNumber, text, added);

    public void Skip(string path, string reason) => inner.Skip(path, reason);

    public bool BeginDecodedFile(string path, CommitInfo? commit) => inner.BeginDecodedFile(path, commit);
}
