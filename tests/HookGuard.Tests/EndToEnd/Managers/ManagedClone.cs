using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd.Managers;

/// <summary>A clone with a bare remote, run with the real hook managers and `hookguard` on PATH.</summary>
internal sealed class ManagedClone : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hg-managed-").FullName;

    public ManagedClone()
    {
        Remote.Git("init", "-q", "--bare", "-b", "main");
        Local.Git("remote", "add", "origin", Remote.Root);
        Env = RealTools.Environment(_scratch);
    }

    public TempRepo Remote { get; } = new(init: false);
    public TempRepo Local { get; } = new();
    public Dictionary<string, string?> Env { get; }
    public string Scratch => _scratch;

    public ProcessResult Run(string file, params string[] args) => Local.Run(file, args, env: Env);

    public ProcessResult Sh(string script) => Local.Run("/bin/sh", ["-c", script], env: Env);

    public ProcessResult HookGuard(params string[] args) => Local.Run(HookGuardBinary.Path, args, env: Env);

    public ProcessResult Commit(string message, params string[] extra)
    {
        Local.Stage();
        return Run("git", ["commit", "-q", "-m", message, .. extra]);
    }

    public ProcessResult Push(params string[] args) => Run("git", ["push", "-q", "origin", .. args]);

    /// <summary>Everything written so far committed without hooks and pushed as main.</summary>
    public void CommitAndPushSetup()
    {
        Local.Write("README.md", "hi\n");
        var commit = Commit("setup", "--no-verify");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        var push = Push("--no-verify", "main");
        Assert.That(push.ExitCode, Is.Zero, push.Output);
    }

    /// <summary>
    /// A branch other than the checked-out one with a commit adding a token (made with --no-verify, as a
    /// bypass would): `git push origin BRANCH` must still be scanned.
    /// </summary>
    public void LeakOnOtherBranch(string branch, int seed)
    {
        Local.Git("checkout", "-q", "-b", branch);
        Local.Write("leak.env", $"T={FakeSecrets.GitHubClassicToken(seed)}\n");
        var commit = Commit("leak", "--no-verify");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        Local.Git("checkout", "-q", "main");
    }

    /// <summary>A commit adding a token is blocked and a clean one passes.</summary>
    public void AssertCommitsAreScanned(int seed)
    {
        Local.Write("k.env", $"TOKEN={FakeSecrets.GitHubClassicToken(seed)}\n");
        var leak = Commit("leak");
        Assert.That(leak.ExitCode, Is.Not.Zero, "a commit adding a token went through: " + leak.Output);
        Assert.That(leak.Output, Does.Contain("k.env:1"));
        Local.Write("k.env", $"# the token comes from the vault (change {seed})\n");
        var clean = Commit("clean");
        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
    }

    /// <summary>
    /// A commit made with --no-verify runs no scan but still the manager's post-commit: the audit records it.
    /// Made on a branch of its own, left unpushed (a push of it would rightly be blocked).
    /// </summary>
    public void AssertBypassIsRecorded(int seed)
    {
        Local.Git("checkout", "-q", "-b", $"bypass-{seed}");
        Local.Write("bypass.env", $"TOKEN={FakeSecrets.GitHubClassicToken(seed)}\n");
        var commit = Commit("bypass", "--no-verify");
        Assert.That(commit.ExitCode, Is.Zero, commit.Output);
        var head = Local.Head;
        var audit = HookGuard("audit", "--format", "json");
        Assert.That(audit.ExitCode, Is.Zero, audit.Output);
        var entry = System.Text.Json.JsonDocument.Parse(audit.Stdout).RootElement.EnumerateArray()
            .SingleOrDefault(e => e.GetProperty("commit").GetString() == head);
        Assert.That(entry.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object), "the bypass is listed: " + audit.Stdout);
        Assert.That(entry.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
        Local.Git("checkout", "-q", "main");
    }

    /// <summary>A push of another branch than HEAD carrying a token is blocked; a clean push passes.</summary>
    public void AssertPushOfAnotherBranchIsScanned(int seed)
    {
        LeakOnOtherBranch("topic", seed);
        var push = Push("topic");
        Assert.That(push.ExitCode, Is.Not.Zero, "a push of a branch adding a token went through: " + push.Output);
        Assert.That(push.Output, Does.Contain("leak.env"));
        var clean = Push("main");
        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
    }

    public void Dispose()
    {
        Local.Dispose();
        Remote.Dispose();
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
