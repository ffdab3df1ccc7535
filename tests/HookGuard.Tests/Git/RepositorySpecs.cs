using HookGuard.GitStore;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.Git;

/// <summary>
/// Repository.Find must land where git itself does, asking git only where its rules do not settle it
/// from the folder and the environment (each git process costs a hook ~3 ms).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class RepositorySpecs
{
    [Test]
    public void At_the_top_of_a_work_tree_no_git_is_asked()
    {
        using var repo = new TempRepo();
        AssertAgreesWithGit(repo.Root, gitDir: null, expectAsked: false);
    }

    [Test]
    public void In_a_subfolder_git_is_asked()
    {
        using var repo = new TempRepo();
        repo.Write("src/deep/a.txt", "a\n");
        AssertAgreesWithGit(Path.Combine(repo.Root, "src", "deep"), gitDir: null, expectAsked: true);
    }

    [Test]
    public void GIT_DIR_without_a_work_tree_makes_the_current_folder_the_top_as_git_does()
    {
        using var repo = new TempRepo();
        var elsewhere = Directory.CreateTempSubdirectory("hg-elsewhere-").FullName;
        try
        {
            AssertAgreesWithGit(elsewhere, gitDir: Path.Combine(repo.Root, ".git"), expectAsked: false);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [TestCase("core.worktree", "../tree")] // relative to the git directory: <repo>/tree
    [TestCase("include.path", "extra.config")]
    public void A_configuration_that_may_move_the_work_tree_makes_git_be_asked(string key, string value)
    {
        using var repo = new TempRepo();
        Directory.CreateDirectory(Path.Combine(repo.Root, "tree"));
        repo.Git("config", key, value);
        AssertAgreesWithGit(repo.Root, gitDir: null, expectAsked: true);
    }

    [TestCase("bare", "true", true)]
    [TestCase("Bare", "TRUE", true)]
    [TestCase("bare", "false", false)]
    public void A_bare_repository_is_left_to_git(string key, string value, bool expectAsked)
    {
        // git has no work tree to give for a bare repository (rev-parse --show-toplevel fails): only git can say so.
        using var repo = new TempRepo();
        var config = Path.Combine(repo.Root, ".git", "config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("bare = false", $"{key}\t=  {value}", StringComparison.Ordinal));
        var asked = 0;
        Repository.Find(repo.Root, null, null, folder => { asked++; return new Repository(folder, "asked"); });
        Assert.That(asked, Is.EqualTo(expectAsked ? 1 : 0));
    }

    [Test]
    public void A_linked_worktree_whose_git_is_a_file_makes_git_be_asked()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "a\n");
        repo.Commit("base");
        var linked = repo.Root + "-linked";
        repo.Git("worktree", "add", "-q", linked);
        try
        {
            AssertAgreesWithGit(linked, gitDir: null, expectAsked: true);
        }
        finally
        {
            Directory.Delete(linked, recursive: true);
        }
    }

    private static void AssertAgreesWithGit(string workingDirectory, string? gitDir, bool expectAsked)
    {
        var asked = 0;
        var found = Repository.Find(workingDirectory, gitDir, workTreeVariable: null, askGit: folder =>
        {
            asked++;
            return Ask(folder, gitDir);
        });
        Assert.That(found, Is.EqualTo(Ask(workingDirectory, gitDir)), "where git itself finds the work tree and git directory");
        Assert.That(asked, Is.EqualTo(expectAsked ? 1 : 0), expectAsked ? "git is asked" : "settled without a git process");
    }

    private static Repository Ask(string workingDirectory, string? gitDir)
    {
        var result = ProcessRunner.Run("git", ["rev-parse", "--show-toplevel", "--absolute-git-dir"], workingDirectory,
            env: new Dictionary<string, string?> { ["GIT_DIR"] = gitDir });
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new Repository(lines[0], lines[1]);
    }
}
