using System.IO.Hashing;
using HookGuard.Git.Staged;

namespace HookGuard.Git;

/// <summary>
/// One `git diff` between two versions, streamed to a patch sink: the index against HEAD (against
/// nothing before the first commit) for pre-commit, or a commit against its base for post-commit. It is
/// started before anything else, so that git produces it while the configuration is being loaded.
/// The staged diff is read in-process where that gives git's result (<see cref="StagedSnapshot"/>).
/// </summary>
public sealed class GitDiff : IDisposable
{
    /// <summary>git's id of the empty tree: the base of a root commit.</summary>
    public const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private readonly GitProcess? _git;
    private readonly Stream _patch;
    private readonly StagedSnapshot? _snapshot;
    private readonly bool _summarizeSnapshot;
    // Which patch was scanned, not a secret's digest: a fast non-cryptographic 128-bit hash. SHA-256
    // would load OpenSSL, ~1.5 ms of every commit.
    private readonly XxHash128? _hash;

    private GitDiff(GitProcess? git, Stream patch, bool hash)
    {
        _git = git;
        _patch = patch;
        _hash = hash ? new XxHash128() : null;
    }

    private GitDiff(GitProcess git, bool hash) : this(git, git.Output, hash) { }

    private GitDiff(StagedSnapshot snapshot, bool summarize) : this(null, Stream.Null, hash: false) =>
        (_snapshot, _summarizeSnapshot) = (snapshot, summarize);

    /// <summary>The arguments of the staged diff (after `git`), as the pre-commit hook runs it itself.</summary>
    public static IReadOnlyList<string> StagedCommandLine => [.. GitProcess.IsolatingConfig, .. StagedArguments];

    private static readonly string[] StagedArguments = ["diff", "--cached", .. DiffArguments.Patch];

    /// <param name="hash">
    /// Also summarise the change (and hash git's patch, when git produced it), so that post-commit can
    /// tell whether this exact change was scanned.
    /// </param>
    public static GitDiff Staged(string? workingDirectory = null, bool hash = false) => Staged(workingDirectory, hash, inProcess: true);

    /// <param name="inProcess">false: git produces the diff even where it could be read in-process (the tests' reference).</param>
    internal static GitDiff Staged(string? workingDirectory, bool hash, bool inProcess) =>
        inProcess && StagedSnapshot.TryTake(workingDirectory) is { } snapshot
            ? new(snapshot, hash)
            : new(GitProcess.Start(workingDirectory, StagedArguments), hash);

    /// <summary>Whether git produces this diff (false: it was read in-process).</summary>
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
            _snapshot.Emit(sink, changes);
            SummaryMark = changes?.Mark();
            return;
        }
        var summary = _hash is null ? null : new ChangeSummary();
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
        _git?.Dispose();
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
