using HookGuard.Findings;
using HookGuard.GitStore;

namespace HookGuard.Sources;

/// <summary>
/// A shallow clone's grafts: the commits `.git/shallow` lists have parents this clone does not hold, so
/// `git log` shows each as adding its whole tree and nothing before it exists here. A history scan that
/// reaches one still scans that tree (what is present is caught), but cannot see secrets added and
/// removed before it: it says so, with how to fetch the rest.
/// </summary>
internal static class ShallowHistory
{
    /// <summary>The grafted commits (40 hex digits each); empty in a complete clone.</summary>
    public static HashSet<string> Grafts(Repository repo)
    {
        var grafts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var file = Path.Combine(CommonDir(repo.GitDir), "shallow");
        if (!File.Exists(file)) return grafts;
        foreach (var line in File.ReadLines(file))
            if (line.Trim() is { Length: > 0 } sha) grafts.Add(sha);
        return grafts;
    }

    public static string Warning(string sha) =>
        $"history is shallow at {sha[..Math.Min(12, sha.Length)]}: commits before it were not scanned (its whole tree was scanned as added); " +
        "run `git fetch --unshallow` (or `git fetch --deepen=N`) and scan again";

    /// <summary>A linked worktree's shared git directory (where `shallow` lives), else the git directory itself.</summary>
    private static string CommonDir(string gitDir)
    {
        var pointer = Path.Combine(gitDir, "commondir");
        return File.Exists(pointer) ? Path.GetFullPath(File.ReadAllText(pointer).Trim(), gitDir) : gitDir;
    }

    /// <summary>Passes a history on unchanged, noting the grafted commits it holds.</summary>
    public sealed class GraftWatch(IPatchSink inner, HashSet<string> grafts) : IPatchSink
    {
        public List<string> Met { get; } = [];

        public void BeginCommit(CommitInfo commit)
        {
            if (grafts.Contains(commit.Sha)) Met.Add(commit.Sha);
            inner.BeginCommit(commit);
        }

        public bool BeginFile(string path) => inner.BeginFile(path);

        public void NewName(string path) => inner.NewName(path);

        public void BinaryFile(string path) => inner.BinaryFile(path);

        public void Skip(string path, string reason) => inner.Skip(path, reason);

        public bool BeginDecodedFile(string path, CommitInfo? commit) => inner.BeginDecodedFile(path, commit);

        public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) => inner.Line(lineNumber, content, added);
    }
}
