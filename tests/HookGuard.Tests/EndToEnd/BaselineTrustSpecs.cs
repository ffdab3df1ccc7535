using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// The baseline follows the trust rule as .hookguard.yaml does (read as committed), stays inside the
/// repository, and HookGuard's own files are scanned like any other, except a baseline exactly as
/// HookGuard writes it.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class BaselineTrustSpecs
{
    private static TempRepo Started()
    {
        var repo = TempRepo.WithHooks();
        repo.Write("README.md", "hi\n");
        Assert.That(repo.Commit("init").ExitCode, Is.Zero);
        return repo;
    }

    [Test]
    public void A_baseline_that_is_not_committed_allows_nothing()
    {
        using var repo = Started();
        repo.Write("k.env", $"T={FakeSecrets.GitHubClassicToken(1921)}\n");
        repo.Stage("k.env");
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        var commit = repo.Run("git", ["commit", "-q", "-m", "leak with a private baseline"]);
        Assert.That(commit.ExitCode, Is.Not.Zero, commit.Output);
        Assert.That(commit.Output, Does.Contain("k.env:1"));
    }

    [Test]
    public void A_committed_baseline_as_written_passes_and_allows_its_secrets_afterwards()
    {
        using var repo = Started();
        var token = FakeSecrets.GitHubClassicToken(1922);
        repo.Write("legacy.env", $"T={token}\n");
        repo.Commit("legacy", "--no-verify");
        Assert.That(repo.HookGuard("baseline", "create").ExitCode, Is.Zero);
        var baseline = repo.Commit("baseline");
        Assert.That(baseline.ExitCode, Is.Zero, baseline.Output);
        repo.Write("legacy.env", $"T={token} # touched\n");
        var touched = repo.Commit("touch the legacy line");
        Assert.That(touched.ExitCode, Is.Zero, touched.Output);
    }

    [Test]
    public void A_token_in_the_config_or_in_an_edited_baseline_blocks()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", $"# deploy token: {FakeSecrets.GitHubClassicToken(1923)}\nrules:\n  disable: []\n");
        var inConfig = repo.Commit("token in the config");
        Assert.That(inConfig.ExitCode, Is.Not.Zero, inConfig.Output);
        Assert.That(inConfig.Output, Does.Contain(".hookguard.yaml:1"));
        repo.Git("reset", "-q", "--hard");
        repo.Git("clean", "-fdq");

        repo.Write(".hookguard-baseline.json", $"{{\n  \"version\": 1,\n  \"note\": \"{FakeSecrets.GitHubClassicToken(1924)}\",\n  \"findings\": []\n}}\n");
        var inBaseline = repo.Commit("token in the baseline");
        Assert.That(inBaseline.ExitCode, Is.Not.Zero, inBaseline.Output);
        Assert.That(inBaseline.Output, Does.Contain(".hookguard-baseline.json:3"));
    }

    [TestCase("../outside.json")]
    [TestCase("/tmp/hg-baseline.json")]
    [TestCase(".git/hookguard/baseline.json")]
    public void A_baseline_path_outside_the_repository_is_a_configuration_error(string path)
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", $"baseline: {path}\n");
        var validate = repo.HookGuard("config", "validate");
        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Output);
        Assert.That(validate.Output, Does.Contain(".hookguard.yaml:1:11: baseline:"));
        var commit = repo.Commit("config");
        Assert.That(commit.ExitCode, Is.Not.Zero, commit.Output);
    }
}
