using HookGuard.Findings;
using HookGuard.GitStore;
using HookGuard.Sources;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>
/// post-commit knows a commit is the change pre-commit scanned when the staged patch's summary equals
/// the commit's --raw summary: real git, changes of every kind, both sides computed as the hooks do.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ChangeSummarySpecs
{
    [Test]
    public void A_first_commit_with_odd_names_binary_and_empty_files_summarises_alike_staged_and_committed()
    {
        using var repo = new TempRepo();
        repo.Write("plain.txt", "one\ntwo\n");
        repo.Write("with space \"and quotes\"\tand tab.txt", "x\n");
        repo.Write("ünïcödé/日本.md", "text\n");
        repo.WriteBytes("image.bin", [0, 1, 2, 0, 255, 0]);
        repo.Write("empty.txt", "");
        AssertSummariesAgree(repo, fileCount: 5);
    }

    [Test]
    public void Edits_renames_deletions_mode_changes_and_symlinks_summarise_alike()
    {
        using var repo = new TempRepo();
        repo.Write("kept.txt", "a\nb\nc\n");
        repo.Write("moved.txt", string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n")));
        repo.Write("gone.txt", "bye\n");
        repo.Write("run.sh", "echo hi\n");
        repo.Commit("base");

        repo.Write("kept.txt", "a\nB\nc\nd\n");
        File.Move(Path.Combine(repo.Root, "moved.txt"), Path.Combine(repo.Root, "renamed.txt"));
        File.AppendAllText(Path.Combine(repo.Root, "renamed.txt"), "one more\n");
        File.Delete(Path.Combine(repo.Root, "gone.txt"));
        File.SetUnixFileMode(Path.Combine(repo.Root, "run.sh"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(repo.Root, "link"), "kept.txt");
        // kept, renamed (with its edit) and the new link add content; the deletion and the mode change do not.
        AssertSummariesAgree(repo, fileCount: 3);
    }

    [Test]
    public void An_amend_is_summarised_against_the_commit_it_replaced()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Commit("first");
        repo.Write("a.txt", "one\ntwo\n");
        repo.Commit("second");
        repo.Write("b.txt", "three\n");
        // Against the replaced commit (which had a.txt's edit), as pre-commit diffed the index against it.
        AssertSummariesAgree(repo, fileCount: 1, "--amend");
    }

    [Test]
    public void A_different_commit_does_not_summarise_like_the_staged_change()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Stage();
        var staged = StagedSummary(repo);
        repo.Write("a.txt", "one, edited after the scan\n");
        repo.Commit("unscanned");
        Assert.That(CommittedChange.OfHead(Find(repo))!.Summary.Matches(staged), Is.False);
    }

    [Test]
    public void A_patch_with_abbreviated_ids_from_a_hook_of_an_older_hookguard_still_matches_on_their_digits()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Commit("base");
        repo.Write("a.txt", "one\ntwo\n");
        repo.Write("b.txt", "new\n");
        repo.Stage();
        // What hooks installed before --full-index pipe in: git's default abbreviation.
        var patch = System.Text.Encoding.UTF8.GetBytes(repo.Git("diff", "--cached", "--no-color", "-U1", "-M", "--src-prefix=a/", "--dst-prefix=b/"));
        var summary = new ChangeSummary();
        new PatchReader(new IgnoringSink(), summary).Read(new MemoryStream(patch));
        Assert.That(summary.Mark(), Does.StartWith("7:"));
        repo.Run("git", ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "change"]);
        Assert.That(CommittedChange.OfHead(Find(repo))!.Summary.Matches(summary.Mark()));
        repo.Write("a.txt", "other\n");
        repo.Run("git", ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-a", "-m", "another"]);
        Assert.That(CommittedChange.OfHead(Find(repo))!.Summary.Matches(summary.Mark()), Is.False);
    }

    private static void AssertSummariesAgree(TempRepo repo, int fileCount, params string[] commitOptions)
    {
        repo.Stage();
        var staged = StagedSummary(repo);
        Assert.That(staged, Is.Not.EqualTo(new ChangeSummary().Mark()), "the staged change is not empty");
        var commit = repo.Run("git", ["-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "change", .. commitOptions]);
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        var committed = CommittedChange.OfHead(Find(repo))!;
        Assert.That(committed.Commit.Sha, Is.EqualTo(repo.Head));
        Assert.That(committed.Summary.Matches(staged), staged);
        var raw = System.Text.Encoding.UTF8.GetBytes(repo.Git("diff", "--raw", "-z", "--no-abbrev", "-M", committed.Base, "HEAD"));
        Assert.That(ChangeSummary.FromRaw(raw).Count, Is.EqualTo(fileCount), "the files whose content the change adds");
    }

    private static string StagedSummary(TempRepo repo)
    {
        using var diff = GitDiff.Staged(repo.Root, hash: true);
        diff.Read(new IgnoringSink());
        return diff.SummaryMark!;
    }

    private static Repository Find(TempRepo repo) => Repository.Discover(repo.Root);

    private sealed class IgnoringSink : IPatchSink
    {
        public void BeginCommit(CommitInfo commit) { }
        public bool BeginFile(string path) => false;
        public void Skip(string path, string reason) { }
        public bool BeginDecodedFile(string path, CommitInfo? commit) => true;
        public void BinaryFile(string path) { }
        public void NewName(string path) { }
        public void Line(int lineNumber, ReadOnlySpan<byte> content, bool added) { }
    }
}
