using System.Text;
using System.Text.Json;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// git shows a file as "Binary files differ" when told to (.gitattributes `-diff` or `binary`,
/// .git/info/attributes, a diff driver with `binary = true`, core.bigFileThreshold): HookGuard decides
/// by content, so a text file holding a key is scanned in every git-based mode, and only what its added
/// lines hold is reported.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BinaryAttributeSpecs
{
    private static readonly string Token = FakeSecrets.GitHubClassicToken(31);
    private static readonly string Secret = $"# settings\nname = demo\ntoken = {Token}\n";

    /// <summary>How a repository tells git that `data/secret.cfg` is binary, set up before the file is added.</summary>
    public static IEnumerable<TestCaseData> Markings()
    {
        yield return new TestCaseData((Action<TempRepo>)(r => Commit(r, ".gitattributes", "*.cfg -diff\n"))).SetName("{m}(-diff in .gitattributes)");
        yield return new TestCaseData((Action<TempRepo>)(r => Commit(r, ".gitattributes", "data/** binary\n"))).SetName("{m}(binary in .gitattributes)");
        yield return new TestCaseData((Action<TempRepo>)(r => r.Write(".git/info/attributes", "*.cfg -diff\n"))).SetName("{m}(-diff in .git/info/attributes)");
        yield return new TestCaseData((Action<TempRepo>)(r =>
        {
            r.Git("config", "diff.opaque.binary", "true");
            Commit(r, ".gitattributes", "*.cfg diff=opaque\n");
        })).SetName("{m}(a diff driver with binary = true)");
        yield return new TestCaseData((Action<TempRepo>)(r => r.Git("config", "core.bigFileThreshold", "40"))).SetName("{m}(core.bigFileThreshold)");
    }

    private static void Commit(TempRepo repo, string path, string text)
    {
        repo.Write(path, text);
        var commit = repo.Commit("add " + path);
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
    }

    private static TempRepo Marked(Action<TempRepo> mark)
    {
        var repo = TempRepo.WithHooks();
        Commit(repo, "README", "base\n");
        mark(repo);
        return repo;
    }

    [TestCaseSource(nameof(Markings))]
    public void The_pre_commit_hook_blocks_a_key_in_a_text_file_git_calls_binary(Action<TempRepo> mark)
    {
        using var repo = Marked(mark);
        repo.Write("data/secret.cfg", Secret);
        var commit = repo.Commit("key");
        Assert.That(commit.ExitCode, Is.EqualTo(1), commit.Output);
        Assert.That(commit.Output, Does.Contain("data/secret.cfg:3"));
    }

    [TestCaseSource(nameof(Markings))]
    public void Range_history_and_pre_push_find_it_in_the_commit_that_added_it(Action<TempRepo> mark)
    {
        using var remote = new TempRepo(init: false);
        remote.Git("init", "-q", "--bare", "-b", "main");
        using var repo = Marked(mark);
        repo.Git("remote", "add", "origin", remote.Root);
        Assert.That(repo.Run("git", ["push", "-q", "origin", "main"]).ExitCode, Is.Zero);
        var start = repo.Head;
        repo.Write("data/secret.cfg", Secret);
        repo.Commit("key", "--no-verify");
        var leak = repo.Head;

        foreach (string[] scan in new[] { new[] { "scan", "--range", start + "..HEAD" }, ["scan", "--history"] })
        {
            var result = repo.HookGuard([.. scan, "--format", "json"]);
            Assert.That(result.ExitCode, Is.EqualTo(1), string.Join(' ', scan) + ": " + result.Output);
            var finding = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("findings")[0];
            Assert.That(finding.GetProperty("path").GetString(), Is.EqualTo("data/secret.cfg"));
            Assert.That(finding.GetProperty("line").GetInt32(), Is.EqualTo(3));
            Assert.That(finding.GetProperty("commit").GetString(), Is.EqualTo(leak));
        }
        var push = repo.Run("git", ["push", "-q", "origin", "main"]);
        Assert.That(push.ExitCode, Is.Not.Zero, push.Output);
        Assert.That(push.Output, Does.Contain("data/secret.cfg:3"));
    }

    [Test]
    public void Only_the_lines_an_edit_adds_are_scanned_in_a_file_marked_binary()
    {
        using var repo = Marked(r => Commit(r, ".gitattributes", "*.cfg -diff\n"));
        var old = FakeSecrets.GitHubClassicToken(32);
        repo.Write("data/secret.cfg", $"old = {old}\nkeep = 1\n");
        repo.Commit("legacy", "--no-verify");
        repo.Write("data/secret.cfg", $"old = {old}\nkeep = 1\nnew = {Token}\n");
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        var findings = JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1), "the key already there is not added by this change");
        Assert.That(findings[0].GetProperty("line").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void A_file_binary_by_content_is_still_a_skipped_binary()
    {
        using var repo = Marked(r => Commit(r, ".gitattributes", "*.png binary\n"));
        repo.WriteBytes("img.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, .. Encoding.ASCII.GetBytes(Token)]);
        repo.Stage();
        var scan = repo.HookGuard("scan", "--staged", "--format", "json");
        Assert.That(scan.ExitCode, Is.Zero, scan.Output);
        Assert.That(JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("stats").GetProperty("binaryFilesSkipped").GetInt32(), Is.EqualTo(1));
    }
}
