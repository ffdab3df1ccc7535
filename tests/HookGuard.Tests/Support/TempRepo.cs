using System.Diagnostics;
using System.Text;

namespace HookGuard.Tests.Support;

/// <summary>A real git repository in a temporary folder, driven through the real git.</summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo(bool init = true, string? path = null)
    {
        Root = path ?? Path.Combine(Path.GetTempPath(), "hg-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        if (init)
        {
            Git("init", "-q", "-b", "main");
            Git("config", "commit.gpgsign", "false");
        }
    }

    public string Root { get; }

    /// <summary>A new repository with HookGuard's hooks installed by the binary under test.</summary>
    public static TempRepo WithHooks(string? path = null)
    {
        var repo = new TempRepo(path: path);
        var install = repo.HookGuard("install");
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        return repo;
    }

    public string Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Stage(params string[] paths) => Git(["add", .. (paths.Length == 0 ? ["-A"] : paths)]);

    /// <summary>
    /// Stages a file, then loses its blob and its working copy (which git diff would reuse): a commit's
    /// hooks still run, since git builds the tree after them, but the staged diff fails.
    /// </summary>
    public void StageUnreadable(string relativePath, string text)
    {
        Write(relativePath, text);
        Stage(relativePath);
        var blob = Git("rev-parse", ":" + relativePath).Trim();
        File.Delete(Path.Combine(Root, ".git", "objects", blob[..2], blob[2..]));
        File.Delete(Path.Combine(Root, relativePath));
    }

    /// <summary>Stages everything and commits; returns git's exit code and output (the hooks' too).</summary>
    public ProcessResult Commit(string message = "change", params string[] extra)
    {
        Stage();
        return Run("git", ["commit", "-q", "-m", message, .. extra]);
    }

    /// <summary>
    /// Two lines of work from here: a new branch with one commit writing one file, then the branch checked
    /// out before with one commit writing another (each commit through the hooks, and passing them).
    /// </summary>
    public void Diverge(string branch, (string Path, string Text) onBranch, (string Path, string Text) onCurrent)
    {
        var current = Git("branch", "--show-current").Trim();
        Git("checkout", "-q", "-b", branch);
        foreach (var (path, text, checkout) in new[] { (onBranch.Path, onBranch.Text, current), (onCurrent.Path, onCurrent.Text, "") })
        {
            Write(path, text);
            var commit = Commit(path);
            Assert.That(commit.ExitCode, Is.Zero, commit.Output);
            if (checkout.Length > 0) Git("checkout", "-q", checkout);
        }
    }

    public string Head => Git("rev-parse", "HEAD").Trim();

    /// <summary>Stages everything and returns the whole fingerprint of the first finding `scan --staged` reports.</summary>
    public string StagedFingerprint()
    {
        Stage();
        var scan = HookGuard("scan", "--staged", "--format", "json");
        return System.Text.Json.JsonDocument.Parse(scan.Stdout).RootElement.GetProperty("findings")[0].GetProperty("fingerprint").GetString()!;
    }

    public string Git(params string[] args)
    {
        var result = Run("git", args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {result.Output}");
        return result.Stdout;
    }

    public ProcessResult Run(string file, IEnumerable<string> args, string? stdin = null, IDictionary<string, string?>? env = null) =>
        ProcessRunner.Run(file, args, Root, stdin, env);

    public ProcessResult HookGuard(params string[] args) => Run(HookGuardBinary.Path, args);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
        catch (UnauthorizedAccessException) { }
    }
}
