using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>Odd repositories and a broken environment: never a crash, a hang, a silent pass or a change.</summary>
[Parallelizable(ParallelScope.All)]
public class ReliabilitySpecs
{
    private static string RealGit() => ProcessRunner.Run("sh", ["-c", "command -v git"], Path.GetTempPath()).Stdout.Trim();

    [Test]
    public void A_git_too_old_for_an_option_fails_closed_naming_the_version_needed()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "a\n");
        repo.Commit("a");
        var bin = Directory.CreateTempSubdirectory("hg-oldgit-").FullName;
        var fake = Path.Combine(bin, "git");
        File.WriteAllText(fake, $$"""
            #!/bin/sh
            for a in "$@"; do
              case "$a" in
                --remerge-diff) echo "error: unknown option 'remerge-diff'" >&2; exit 129 ;;
                --version) echo "git version 2.30.9"; exit 0 ;;
              esac
            done
            exec '{{RealGit()}}' "$@"
            """);
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        var path = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--history", "--hook", "pre-push"], env: new Dictionary<string, string?> { ["PATH"] = path });
        Assert.That(scan.ExitCode, Is.EqualTo(3));
        Assert.That(scan.Stderr, Does.Contain("needs git 2.36 or newer; this is git version 2.30.9").And.Contain("git push --no-verify"));
        Assert.That(scan.Output, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_corrupted_index_blocks_the_hook_with_git_s_message_and_the_way_to_bypass()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("a.txt", "a\n");
        repo.Stage();
        File.WriteAllText(Path.Combine(repo.Root, ".git", "index"), "not an index at all");
        var scan = repo.HookGuard("scan", "--staged", "--hook", "pre-commit");
        Assert.That(scan.ExitCode, Is.EqualTo(3));
        Assert.That(scan.Stderr, Does.Contain("index").And.Contain("git commit --no-verify"));
    }

    [Test]
    public void A_commit_whose_staged_diff_fails_is_stopped_by_the_installed_hook()
    {
        // A failing diff must stop the commit, never pass it unscanned.
        using var repo = TempRepo.WithHooks();
        repo.StageUnreadable("a.txt", "staged content\n");
        var commit = repo.Run("git", ["commit", "-q", "-m", "change"]);
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(repo.Git("rev-list", "--all").Trim(), Is.Empty, "nothing was committed");
        Assert.That(commit.Stderr, Does.Contain("git diff failed").And.Contain("git commit --no-verify"));
    }

    [Test]
    public void A_piped_diff_without_its_completion_line_fails_closed()
    {
        using var repo = TempRepo.WithHooks();
        var scan = repo.Run(HookGuardBinary.Path, ["scan", "--staged", "--patch-stdin", "--hook", "pre-commit"],
            stdin: "diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+x\n");
        Assert.That(scan.ExitCode, Is.EqualTo(3));
        Assert.That(scan.Stderr, Does.Contain("completion line"));
    }

    [Test]
    public void Home_unset_git_dir_and_work_tree_from_the_caller_and_a_path_with_spaces_all_work()
    {
        using var repo = TempRepo.WithHooks(Path.Combine(Path.GetTempPath(), "hg repo " + Guid.NewGuid().ToString("N")[..6]));
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(91)}\n");
        repo.Stage();
        var elsewhere = Path.GetTempPath();
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = null,
            ["GIT_DIR"] = Path.Combine(repo.Root, ".git"),
            ["GIT_WORK_TREE"] = repo.Root,
        };
        var scan = ProcessRunner.Run(HookGuardBinary.Path, ["scan", "--staged", "--format", "json"], elsewhere, env: env);
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("path").GetString(), Is.EqualTo("k.env"));
        Assert.That(repo.Commit("through the hook").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_sparse_checkout_and_a_rebase_through_the_hooks_work()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("in/a.txt", "a\n");
        repo.Write("out/b.txt", "b\n");
        repo.Commit("base");
        repo.Git("sparse-checkout", "set", "in");
        repo.Write("in/k.env", $"T={FakeSecrets.GitHubClassicToken(92)}\n");
        Assert.That(repo.Commit("sparse").ExitCode, Is.Not.Zero);
        repo.Git("sparse-checkout", "disable");
        repo.Git("reset", "-q", "--hard");

        repo.Diverge("topic", ("in/t.txt", "topic\n"), ("in/m.txt", "main\n"));
        var rebase = repo.Run("git", ["rebase", "-q", "main", "topic"]);
        Assert.That(rebase.ExitCode, Is.Zero, rebase.Output);
    }

    [Test]
    public void A_read_only_repository_is_scanned_and_its_clean_commit_not_blocked()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "a\n");
        repo.Stage();
        // Root ignores file modes, so the scan runs as nobody on a repository it cannot write.
        var config = Path.Combine(repo.Root + "-gitconfig");
        File.WriteAllText(config, "[safe]\n\tdirectory = *\n");
        ProcessRunner.Run("chmod", ["-R", "a+rX,a-w", repo.Root, config], Path.GetTempPath());
        string[] asNobody = Environment.UserName == "root" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
        var scan = repo.Run("env", ["GIT_CONFIG_GLOBAL=" + config, .. asNobody, HookGuardBinary.Path, "scan", "--staged", "--hook", "pre-commit"]);
        ProcessRunner.Run("chmod", ["-R", "u+w", repo.Root], Path.GetTempPath());
        Assert.That(scan.ExitCode, Is.Zero, scan.Output);
        Assert.That(scan.Output, Does.Contain("no secrets found"));
    }

    [Test]
    public void A_git_lfs_pointer_file_passes()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
        Assert.That(repo.Commit("lfs pointer").ExitCode, Is.Zero);
    }

    [Test]
    public void A_20_MB_single_line_is_scanned_and_its_secret_found()
    {
        using var repo = new TempRepo();
        var token = FakeSecrets.GitHubClassicToken(93);
        repo.Write("min.js", "var a='" + new string('x', 10_000_000) + "';var t='" + token + "';" + new string('y', 10_000_000) + "\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Stderr);
        Assert.That(JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("column").GetInt32(), Is.EqualTo(10_000_017), "1-based: 7 + 10,000,000 + 9 characters before it");
    }

    [Test]
    public void Two_worktrees_committing_at_once_get_the_same_findings_as_one_after_the_other()
    {
        using var repo = TempRepo.WithHooks();
        repo.Write("x", "x\n");
        repo.Commit("x");
        var trees = Enumerable.Range(0, 2).Select(i =>
        {
            var path = repo.Root + "-wt" + i;
            repo.Git("worktree", "add", "-q", "-b", "wt" + i, path);
            var tree = new TempRepo(init: false, path: path);
            tree.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(94 + i)}\nS={FakeSecrets.SegmentToken(96 + i)}\n");
            tree.Stage();
            return tree;
        }).ToList();
        string Scan(TempRepo tree) => string.Join(";", JsonDocument.Parse(tree.HookGuard("scan", "--staged", "--format", "json").Stdout)
            .RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()));
        var sequential = trees.Select(Scan).ToList();
        var concurrent = trees.AsParallel().AsOrdered().Select(t => (Scan(t), t.Run("git", ["commit", "-q", "-m", "at once"]).ExitCode)).ToList();
        Assert.That(concurrent.Select(c => c.Item1), Is.EqualTo(sequential));
        Assert.That(concurrent.Select(c => c.ExitCode), Is.All.Not.Zero);
        trees.ForEach(t => t.Dispose());
    }
}
