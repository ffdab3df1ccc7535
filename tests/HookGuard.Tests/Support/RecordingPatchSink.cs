using System.Text;
using HookGuard.Findings;
using HookGuard.Sources;

namespace HookGuard.Tests.Support;

/// <summary>Everything a patch source hands on, one readable event per call ("file p", "+3 text", " 4 context").</summary>
internal sealed class RecordingPatchSink : IPatchSink
{
    public List<string> Events { get; } = [];

    public void BeginCommit(CommitInfo commit) => Events.Add($"commit {commit.Sha} {commit.Author} {commit.Subject}");

    public bool BeginFile(string path)
    {
        Events.Add("file " + path);
        return true;
    }

    public void BinaryFile(string path) => Events.Add("binary " + path);

    public void NewName(string path) => Events.Add("name " + path);

    public void Skip(string path, string reason) => Events.Add($"skip {path}: {reason}");

    public bool BeginDecodedFile(string path, CommitInfo? commit)
    {
        if (commit is not null) BeginCommit(commit);
        return BeginFile(path);
    }

    public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) =>
        Events.Add($"{(added ? "+" : " ")}{lineNumber} {Encoding.UTF8.GetString(content)}");
}
