using HookGuard.GitStore;
using HookGuard.Sources.Staged;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>What the in-process reading does not reproduce (renames, diff attributes, conflicts, extensions, borrowed objects): git reads it.</summary>
public partial class StagedSnapshotSpecs
{
    [Test]
    public void Renames_attributes_about_diffs_type_changes_and_conflicts_are_left_to_git()
    {
        using var repo = new TempRepo();
        repo.Write("old-name.txt", Lines("content that moves", "and stays"));
        CommitFile(repo, "mode.txt", Lines("file"));

        repo.Git("mv", "old-name.txt", "new-name.txt");
        AssertLeftToGit(repo, "a deleted and an added path: rename detection may pair them");
        repo.Git("mv", "new-name.txt", "old-name.txt");

        repo.Write(".gitattributes", "*.txt -diff\n");
        WriteAndStageAll(repo, "mode.txt", Lines("file", "more"));
        AssertLeftToGit(repo, ".gitattributes marks files -diff");
        repo.Git("rm", "-q", "--cached", ".gitattributes");
        File.Delete(Path.Combine(repo.Root, ".gitattributes"));

        File.Delete(Path.Combine(repo.Root, "mode.txt"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, "mode.txt"), "old-name.txt");
        repo.Stage();
        AssertLeftToGit(repo, "a file that became a symlink");

        repo.Git("reset", "-q", "--hard");
        repo.Git("add", "-N", "-f", "--", "old-name.txt");
        repo.Write("later.txt", "intent to add\n");
        repo.Git("add", "-N", "later.txt");
        AssertLeftToGit(repo, "an intent-to-add entry");
    }

    [Test]
    public void Attributes_that_do_not_concern_diffs_keep_the_read_in_process_and_an_untracked_one_that_does_is_honoured()
    {
        using var repo = new TempRepo();
        repo.Write(".gitattributes", "* text=auto eol=lf\n*.png filter=lfs\n");
        CommitFile(repo, "src/a.txt", Lines("one"));
        WriteAndStageAll(repo, "src/a.txt", Lines("one", "two"));
        AssertSameAsGit(repo, "text, eol and filter attributes");

        repo.Write("src/.gitattributes", "a.txt binary\n"); // not staged: git reads the work tree's
        AssertLeftToGit(repo, "an untracked .gitattributes in the changed file's folder");
    }

    [Test]
    public void The_repository_gate_names_its_reason_and_is_read_once_per_repository()
    {
        using var repo = new TempRepo();
        CommitFile(repo, "a.txt", Lines("one"));
        var found = Repository.FindWithoutGit(repo.Root)!;
        Assert.That(InProcessReadGate.RepositoryRefusal(found), Is.Null);
        repo.Git("config", "core.bigFileThreshold", "1m");
        // The same repository in the same process: the answer given (the configuration cannot change mid-scan).
        Assert.That(InProcessReadGate.RepositoryRefusal(found), Is.Null);
        // Found again, as every scan finds it: read again, and the reason names the file and the setting.
        Assert.That(InProcessReadGate.RepositoryRefusal(Repository.FindWithoutGit(repo.Root)!),
            Is.EqualTo(Path.Combine(found.GitDir, "config") + " sets bigfilethreshold"));
    }

    [Test]
    public void Repository_extensions_are_left_to_git()
    {
        using var repo = new TempRepo();
        CommitFile(repo, "a.txt", Lines("one"));
        repo.Git("config", "extensions.worktreeConfig", "true");
        WriteAndStageAll(repo, "a.txt", Lines("one", "two"));
        AssertLeftToGit(repo, "extensions.worktreeConfig");
    }

    [Test]
    public void An_unmerged_index_is_left_to_git()
    {
        using var repo = new TempRepo();
        CommitFile(repo, "c.txt", Lines("base"));
        repo.Git("checkout", "-q", "-b", "other");
        WriteAndStageAll(repo, "c.txt", Lines("theirs"));
        CommitAll(repo, "theirs");
        repo.Git("checkout", "-q", "main");
        WriteAndStageAll(repo, "c.txt", Lines("ours"));
        CommitAll(repo, "ours");
        repo.Run("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "merge", "-q", "other"]);
        Assert.That(repo.Git("ls-files", "-u"), Is.Not.Empty, "the merge left a conflict");
        AssertLeftToGit(repo, "stages 1-3 in the index");
    }

    [Test]
    public void Borrowed_objects_and_heavy_reordering_are_left_to_git()
    {
        using var lender = new TempRepo();
        WriteAndStageAll(lender, "shared.txt", Lines(Enumerable.Range(0, 3000).Select(i => $"row {i}").ToArray()));
        CommitAll(lender);

        using var borrowing = new TempRepo(init: false, path: Path.Combine(Path.GetTempPath(), "hg-test-" + Guid.NewGuid().ToString("N")[..10]));
        lender.Git("clone", "-q", "--shared", lender.Root, borrowing.Root);
        WriteAndStageAll(borrowing, "shared.txt", Lines(Enumerable.Range(0, 3000).Select(i => $"row {(i * 7919) % 3000}").ToArray()));
        AssertLeftToGit(borrowing, "objects/info/alternates");

        WriteAndStageAll(lender, "shared.txt", Lines(Enumerable.Range(0, 3000).Select(i => $"row {(i * 7919) % 3000}").ToArray()));
        AssertLeftToGit(lender, $"an edit script longer than {LineDiff.MaxEdits} lines");
    }
}
