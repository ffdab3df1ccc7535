using System.IO.Hashing;
using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Platform;
using HookGuard.Sources.Staged;

namespace HookGuard.Sources;

/// <summary>
/// One `git diff` between two versions, streamed to a patch sink: the index against HEAD (against
/// nothing before the first commit) for pre-commit, or a commit against its base for post-commit. It is
/// started before anything else, so that git produces it while the configuration is being loaded.
/// The staged diff is read in-process where that gives git's result (<see cref="StagedSnapshot"/>).
/// </summary>
internal sealed class GitDiff : IDisposable
{
    /// <summary>git's id of the empty tree: the base of a root commit.</summary>
    public const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private readonly StagedSnapshot? _snapshot;
    private readonly bool _summarizeSnapshot;
    private readonly string? _workingDirectory;
    // Set when git produces the patch: from the start, or after the in-process read gave up part-way.
    private GitProcess? _git;
    private Stream _patch;
    // Which patch was scanned, not a secret's digest: a fast non-cryptographic 128-bit hash. SHA-256
    // would load OpenSSL on every commit.
    private readonly XxHash128? _hash;

    private GitDiff(GitProcess? git, Stream patch, bool hash)
    {
        _git = git;
        _patch = patch;
        _hash = hash ? new XxHash128() : null;
    }

    private GitDiff(GitProcess git, bool hash) : this(git, git.Output, hash) { }

    private GitDiff(StagedSnapshot snapshot, bool summarize, string? workingDirectory) : this(null, Stream.Null, hash: false) =>
        (_snapshot, _summarizeSnapshot, _workingDirectory) = (snapshot, summarize, workingDirectory);

    /// <summary>The arguments of the staged diff (after `git`), as the pre-commit hook runs it itself.</summary>
    public static IReadOnlyList<string> StagedCommandLine => [.. GitProcess.IsolatingConfig, .. StagedArguments];

    private static readonly string[] StagedArguments = ["diff", "--cached", .. DiffArguments.Patch];

    /// <param name="settled">
    /// The repository where git's own rules settle it without git (<see cref="Repository.FindWithoutGit"/>),
    /// which the staged change can then be read from in-process; null: git produces the diff, here.
    /// </param>
    /// <param name="hash">
    /// Also summarise the change (and hash git's patch, when git produced it), so that post-commit can
    /// tell whether this exact change was scanned.
    /// </param>
    public static GitDiff Staged(Repository? settled, bool hash = false) => Staged(settled, settled?.Root, hash);

    /// <param name="inProcess">false: git produces the diff even where it could be read in-process (the tests' reference).</param>
    internal static GitDiff Staged(string workingDirectory, bool hash, bool inProcess = true) =>
        Staged(inProcess ? Repository.FindWithoutGit(workingDirectory) : null, workingDirectory, hash);

    private static GitDiff Staged(Repository? settled, string? workingDirectory, bool hash) =>
        settled is not null && StagedSnapshot.TryTake(settled) is { } snapshot
            ? new(snapshot, hash, workingDirectory)
            : new(GitProcess.Start(workingDirectory, StagedArguments), hash);

    /// <summary>Whether git produces this diff (false: it is read in-process, git giving only files the reader gave up on).</summary>
    public bool FromGit => _snapshot is null;

    /// <summary>
    /// The staged diff piped in by the installed hook where the scanner cannot start git cheaply itself
    /// (not Linux: see <see cref="SpawnedProcess"/>): <see cref="StagedCommandLine"/>, then the completion line.
    /// </summary>
    public static GitDiff StagedFromPipe(Stream input, bool hash = false) => new(null, new CompletedPatchStream(input), hash);

    public static GitDiff Between(Repository repo, string from, string to, bool hash = false) =>
        new(GitProcess.Start(repo.Root, ["diff", .. DiffArguments.Patch, from, to, "--"]), hash);

    /// <summary>XxHash128 of git's patch as read (hex), when hashing was asked for and git produced it; valid after <see cref="Read"/>.</summary>
    public string? PatchHash { get; private set; }

    /// <summary>The <see cref="ChangeSummary.Mark"/> of the patch read, when hashing was asked for; valid after <see cref="Read"/>.</summary>
    public string? SummaryMark { get; private set; }

    public void Read(IPatchSink sink)
    {
        if (_snapshot is not null)
        {
            var changes = _summarizeSnapshot ? new ChangeSummary() : null;
            if (_snapshot.Emit(sink, changes))
            {
                SummaryMark = changes?.Mark();
                return;
            }
            // The reader met a file it does not read as git would: git's patch gives that file and the
            // rest (its summary lists them all).
            _git = GitProcess.Start(_workingDirectory, StagedArguments);
            _patch = _git.Output;
            sink = new RemainingFilesSink(sink, _snapshot.HandedOn);
        }
        var summary = _hash is null && !_summarizeSnapshot ? null : new ChangeSummary();
        Consume(input => new PatchReader(sink, summary).Read(input));
        SummaryMark = summary?.Mark();
    }

    /// <summary>Reads the patch into the hash alone, nothing parsed: whether this exact change was scanned before.</summary>
    public string ReadHash()
    {
        if (_hash is null) throw new InvalidOperationException("this diff was opened without hash: true");
        Consume(input => input.CopyTo(Stream.Null));
        return PatchHash!;
    }

    private void Consume(Action<Stream> read)
    {
        using var input = _hash is null ? _patch : new HashingStream(_patch, _hash);
        read(input);
        _git?.EnsureSuccess("git diff");
        if (_hash is not null) PatchHash = Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _snapshot?.Dispose();
        _git?.Dispose();
    }

    /// <summary>git's patch with the files the in-process read already handed on left out.</summary>
    private sealed class RemainingFilesSink(IPatchSink inner, IReadOnlySet<string> handedOn) : IPatchSink
    {
        public void BeginCommit(CommitInfo commit) => inner.BeginCommit(commit);

        public bool BeginFile(string path) => !handedOn.Contains(path) && inner.BeginFile(path);

        public void NewName(string path)
        {
            if (!handedOn.Contains(path)) inner.NewName(path);
        }

        public void BinaryFile(string path)
        {
            if (!handedOn.Contains(path)) inner.BinaryFile(path);
        }

        public void Skip(string path, string reason) => inner.Skip(path, reason);

        public bool BeginDecodedFile(string path, CommitInfo? commit) => !handedOn.Contains(path) && inner.BeginDecodedFile(path, commit);

        public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) => inner.Line(lineNumber, content, added);
    }

    /// <summary>Passes reads through, hashing every byte on the way.</summary>
    private sealed class HashingStream(Stream inner, XxHash128 hash) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            hash.Append(buffer[..read]);
            return read;
        }
    }
}
