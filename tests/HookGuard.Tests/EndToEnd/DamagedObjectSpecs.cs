using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using HookGuard.Tests.Support;
using static HookGuard.Tests.Support.HandBuiltObjects;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// A staged file whose object is damaged where git would refuse it (a header that claims less or far
/// more than the stream holds, a flipped bit, a delta that is its own base): the installed pre-commit
/// hook must not scan what its own reader made of it and pass. It hands the file to git, which fails,
/// and the commit is blocked with git's message, at once, without an internal error.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class DamagedObjectSpecs
{
    // The key after the first 64 bytes (read with the header) and 32 KB after it: a reader that stops at
    // a claimed size, or before the stream's checksum, does not meet the damage in its first read.
    private static readonly string Text = "# settings for the demo service, kept in one place for every environment\n" +
        $"T={FakeSecrets.GitHubClassicToken(91)}\n" +
        string.Concat(Enumerable.Range(0, 800).Select(i => $"setting_{i:D4} = value number {i:D4}\n"));
    private static readonly byte[] Content = Encoding.ASCII.GetBytes(Text);

    /// <summary>A repository with the hooks, one commit, and a file holding a key staged; its working copy is gone, so git must read the object.</summary>
    private static (TempRepo Repo, string Blob, string Head) StagedSecret()
    {
        var repo = TempRepo.WithHooks();
        repo.Write("README", "base\n");
        var first = repo.Commit("base");
        Assert.That(first.ExitCode, Is.Zero, first.Output);
        repo.Write("config.ini", Text);
        repo.Stage("config.ini");
        var blob = repo.Git("rev-parse", ":config.ini").Trim();
        File.Delete(Path.Combine(repo.Root, "config.ini"));
        return (repo, blob, repo.Head);
    }

    private static ProcessResult CommitThroughHooks(TempRepo repo, int timeoutMs = 60_000) =>
        ProcessRunner.Run("git", ["commit", "-q", "-m", "damaged object"], repo.Root, timeoutMs: timeoutMs);

    private static void AssertBlockedByGit(TempRepo repo, ProcessResult commit, string head)
    {
        Assert.That(commit.ExitCode, Is.Not.Zero, "the damaged object passed: " + commit.Output);
        Assert.That(repo.Head, Is.EqualTo(head), "no commit was made");
        Assert.That(commit.Stderr, Does.Contain("hookguard:").And.Contain("git"), commit.Output);
        Assert.That(commit.Output, Does.Not.Contain("internal error").And.Not.Contain("OutOfMemory"));
    }

    private static byte[] LooseObject(string header, byte[] content, CompressionLevel level = CompressionLevel.Optimal) =>
        Zlib(Concat(Ascii(header), content), level);

    [Test]
    public void A_loose_object_whose_header_claims_fewer_bytes_than_its_stream_holds_is_left_to_git()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            var cleanPrefix = Text.IndexOf("T=ghp_", StringComparison.Ordinal);
            ReplaceLoose(repo, blob, LooseObject($"blob {cleanPrefix}\0", Content));
            AssertBlockedByGit(repo, CommitThroughHooks(repo), head);
        }
    }

    [Test]
    public void A_loose_object_with_one_flipped_bit_is_left_to_git()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            ReplaceLoose(repo, blob, FlipThatStillInflates(LooseObject($"blob {Content.Length}\0", Content)));
            AssertBlockedByGit(repo, CommitThroughHooks(repo), head);
        }
    }

    [Test]
    public void A_loose_object_whose_zlib_header_asks_for_a_preset_dictionary_is_left_to_git()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            var compressed = LooseObject($"blob {Content.Length}\0", Content);
            compressed[1] = 0x3c; // FDICT set, header check still valid (0x083c % 31 == 0): zlib asks for a dictionary
            ReplaceLoose(repo, blob, compressed);
            AssertBlockedByGit(repo, CommitThroughHooks(repo), head);
        }
    }

    /// <summary>
    /// The compressed object with one bit flipped such that inflating exactly the claimed size, and no
    /// further, raises no error and loses the token: the damage only zlib's checksum at the stream's end
    /// (or the object's id) can reveal.
    /// </summary>
    private static byte[] FlipThatStillInflates(byte[] compressed)
    {
        var expected = Concat(Ascii($"blob {Content.Length}\0"), Content);
        for (var bit = 8 * 2; bit < 8 * (compressed.Length - 4); bit++)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var inflated = new byte[expected.Length];
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(damaged), CompressionMode.Decompress);
                zlib.ReadExactly(inflated);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException) { continue; }
            if (inflated.AsSpan(0, 12).SequenceEqual(expected.AsSpan(0, 12)) && Encoding.ASCII.GetString(inflated).Contains("T=ghp_", StringComparison.Ordinal) is var _
                && !Encoding.ASCII.GetString(inflated).Contains(Text.Split('\n')[1], StringComparison.Ordinal))
                return damaged;
        }
        Assert.Fail("no single bit flip inflates quietly");
        return compressed;
    }

    [Test]
    public void A_loose_header_claiming_two_gigabytes_ends_at_once_without_an_internal_error()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            ReplaceLoose(repo, blob, LooseObject($"blob {int.MaxValue}\0", Content));
            var clock = Stopwatch.StartNew();
            AssertBlockedByGit(repo, CommitThroughHooks(repo), head);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        }
    }

    [Test]
    public void A_packed_entry_whose_header_claims_fewer_bytes_than_its_stream_holds_is_left_to_git()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            var cleanPrefix = Text.IndexOf("T=ghp_", StringComparison.Ordinal);
            WritePack(repo, (blob, Concat(EntryHeader(3, cleanPrefix), Zlib(Content))));
            File.Delete(LoosePath(repo, blob));
            AssertBlockedByGit(repo, CommitThroughHooks(repo), head);
        }
    }

    [Test]
    public void An_offset_delta_that_is_its_own_base_claiming_gigabytes_is_refused_at_once()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            // Type 6 (offset delta), a claimed 1.9 GB, base distance 0: the entry itself.
            byte[] delta = [(byte)Content.Length, (byte)Content.Length, 0x90, (byte)Content.Length];
            WritePack(repo, (blob, Concat(EntryHeader(6, 1_900_000_000), [0x00], Zlib(delta))));
            File.Delete(LoosePath(repo, blob));
            var clock = Stopwatch.StartNew();
            AssertBlockedByGit(repo, CommitThroughHooks(repo, timeoutMs: 45_000), head);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        }
    }

    [Test]
    public void A_harmless_loose_copy_beside_the_packed_key_does_not_hide_it()
    {
        var (repo, blob, head) = StagedSecret();
        using (repo)
        {
            // git reads packs first: the packed copy is the one it commits and pushes.
            repo.Run("git", ["pack-objects", "-q", Path.Combine(repo.Root, ".git", "objects", "pack", "pack")], stdin: blob + "\n");
            var harmless = Ascii(Text.Replace(Text.Split('\n')[1], "T=placeholder", StringComparison.Ordinal));
            ReplaceLoose(repo, blob, LooseObject($"blob {harmless.Length}\0", harmless));
            var commit = CommitThroughHooks(repo);
            Assert.That(commit.ExitCode, Is.Not.Zero, "the key passed behind a loose copy: " + commit.Output);
            Assert.That(repo.Head, Is.EqualTo(head));
            Assert.That(commit.Output, Does.Contain("github-personal-access-token"));
        }
    }

    [Test]
    public void An_intact_packed_and_loose_repository_is_still_read_in_process_and_finds_the_key()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Commit("first");
        repo.Git("gc", "-q");
        repo.Write("a.txt", "one\n" + Text);
        repo.Stage();
        var trace = repo.Root + ".trace";
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--staged"], env: new Dictionary<string, string?> { ["GIT_TRACE"] = trace });
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("github-personal-access-token"));
        var gitDiffs = File.Exists(trace) ? File.ReadAllLines(trace).Count(l => l.Contains("built-in: git diff", StringComparison.Ordinal)) : 0;
        File.Delete(trace);
        Assert.That(gitDiffs, Is.Zero, "verification refused intact objects");
    }
}
