using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// The published binary reads the staged change itself, or starts `git diff --cached` where its
/// environment or configuration could make git's answer differ; either way it finds the same secret.
/// GIT_TRACE tells which happened.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StagedReadSpecs
{
    private static List<string> ScanStaged(TempRepo repo, Dictionary<string, string?> env)
    {
        var trace = repo.Root + ".trace";
        env["GIT_TRACE"] = trace;
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--staged"], env: env);
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("aws-access-key-id"));
        var gitDiffs = File.Exists(trace) ? File.ReadAllLines(trace).Where(l => l.Contains("built-in: git diff", StringComparison.Ordinal)).ToList() : [];
        File.Delete(trace);
        return gitDiffs;
    }

    private static TempRepo RepoWithStagedSecret()
    {
        var repo = new TempRepo();
        repo.Write("a.txt", "one\n");
        repo.Commit("first");
        repo.Write("a.txt", $"one\naws_access_key_id = {FakeSecrets.AwsAccessKeyId()}\n");
        repo.Stage();
        return repo;
    }

    [Test]
    public void A_plain_repository_is_read_without_git_diff()
    {
        using var repo = RepoWithStagedSecret();
        Assert.That(ScanStaged(repo, []), Is.Empty);
    }

    [TestCase("HOOKGUARD_STAGED_DIFF", "git", TestName = "HOOKGUARD_STAGED_DIFF=git asks git")]
    [TestCase("GIT_CONFIG_PARAMETERS", "'core.attributesFile'='/nonexistent/attributes'", TestName = "Another attributes file given with git -c asks git")]
    [TestCase("GIT_NAMESPACE", "elsewhere", TestName = "A GIT_ variable the reader does not know asks git")]
    public void Settings_that_could_change_the_diff_send_it_to_git(string name, string value)
    {
        using var repo = RepoWithStagedSecret();
        Assert.That(ScanStaged(repo, new() { [name] = value }), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_global_configuration_including_a_big_file_threshold_sends_the_diff_to_git()
    {
        using var repo = RepoWithStagedSecret();
        var global = repo.Root + ".gitconfig";
        File.WriteAllText(repo.Root + ".included", "[core]\n\tBigFileThreshold = 1k\n");
        File.WriteAllText(global, $"[includeIf \"gitdir:/\"]\n\tpath = {Path.GetFileName(repo.Root)}.included\n");
        try
        {
            Assert.That(ScanStaged(repo, new() { ["GIT_CONFIG_GLOBAL"] = global }), Has.Count.EqualTo(1));
        }
        finally
        {
            File.Delete(global);
            File.Delete(repo.Root + ".included");
        }
    }
}
