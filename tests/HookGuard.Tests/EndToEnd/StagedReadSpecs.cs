using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// The published binary reads the staged change itself, or starts `git diff --cached` where its
/// environment or configuration could make git's answer differ; either way it finds the same secret.
/// GIT_TRACE tells which happened, and HOOKGUARD_TRACE that no fallback happened where none should.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StagedReadSpecs
{
    private static List<string> ScanStaged(TempRepo repo, Dictionary<string, string?> env, string[]? filesWithSecrets = null)
    {
        var trace = repo.Root + ".trace";
        env["GIT_TRACE"] = trace;
        env["HOOKGUARD_TRACE"] = "1";
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--staged"], env: env);
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output, Does.Contain("aws-access-key-id"));
        foreach (var file in filesWithSecrets ?? []) Assert.That(scan.Output, Does.Contain(file), "a finding in " + file);
        var gitDiffs = File.Exists(trace) ? File.ReadAllLines(trace).Where(l => l.Contains("built-in: git diff", StringComparison.Ordinal)).ToList() : [];
        File.Delete(trace);
        // HOOKGUARD_TRACE names every fallback to git: a read without git diff had none.
        var fallbacks = scan.Output.Split('\n').Where(l => l.StartsWith("hookguard: trace: git used:", StringComparison.Ordinal)).ToList();
        if (gitDiffs.Count == 0) Assert.That(fallbacks, Is.Empty, "HOOKGUARD_TRACE reported a fallback to git");
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

    /// <summary>
    /// ~6 MB of new files, past what is prepared whole, so read on a thread of its own: a secret in the
    /// first file and one in the last must both be found, and a file the reader gives up on part-way
    /// (an edit script too long to search) is given by git with the files after it.
    /// </summary>
    [TestCase(false, 0, TestName = "A change of many megabytes is read without git diff")]
    [TestCase(true, 1, TestName = "A change of many megabytes holding a file the reader gives up on is finished by git diff")]
    public void A_change_of_many_megabytes_is_scanned_whole(bool withHeavyReordering, int gitDiffs)
    {
        using var repo = new TempRepo();
        var rows = Enumerable.Range(0, 3000).ToList();
        repo.Write("m-reordered.txt", string.Concat(rows.Select(i => $"row {i}\n")));
        repo.Commit("first");
        repo.Write("a-first.txt", $"aws_access_key_id = {FakeSecrets.AwsAccessKeyId(seed: 11)}\n");
        var filler = string.Concat(Enumerable.Range(0, 1500).Select(i => $"var value{i} = compute({i}, \"text\");\n"));
        for (var f = 0; f < 120; f++) repo.Write($"gen/f{f:D3}.cs", $"// file {f}\n" + filler);
        repo.Write("z-last.txt", $"aws_access_key_id = {FakeSecrets.AwsAccessKeyId(seed: 12)}\n");
        if (withHeavyReordering) repo.Write("m-reordered.txt", string.Concat(rows.Select(i => $"row {i * 7919 % 3000}\n")));
        repo.Stage();

        var env = new Dictionary<string, string?>();
        Assert.That(ScanStaged(repo, env, ["a-first.txt", "z-last.txt"]), Has.Count.EqualTo(gitDiffs));
    }
}
