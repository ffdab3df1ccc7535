using System.Text.Json.Nodes;
using HookGuard.Tests.Rules;
using HookGuard.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace HookGuard.Tests.EndToEnd.Ci;

/// <summary>
/// The README's GitHub Actions and GitLab CI examples: checked for what the services need, and their
/// shell steps run as written in a CI-like clone of a user's repository (a pull request branch adding a
/// token and a config that switches that token's rule off, which must not count). Two things differ from a real runner: HookGuard is cloned from this checkout instead of its
/// public URL, and `apt-get install clang zlib1g-dev` is left out (the machine has them); dotnet
/// publish is the stand-in of install.sh's tests, so the binary under test is what runs.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class CiSnippetSpecs
{
    private const string PublicUrl = "https://github.com/hookguard/hookguard";

    private sealed class CiClone : IDisposable
    {
        public readonly string Scratch = Directory.CreateTempSubdirectory("hg-ci-").FullName;
        public readonly TempRepo Remote = new(init: false);
        public readonly TempRepo User = new();
        public readonly string Checkout;

        public CiClone()
        {
            Remote.Git("init", "-q", "--bare", "-b", "main");
            User.Git("remote", "add", "origin", Remote.Root);
            User.Write("README.md", "app\n");
            User.Commit("init", "--no-verify");
            User.Git("push", "-q", "--no-verify", "origin", "main");
            User.Git("checkout", "-q", "-b", "feature");
            User.Write("leak.env", $"T={FakeSecrets.GitHubClassicToken(101)}\n");
            User.Commit("leak", "--no-verify");
            User.Write("notes.txt", "more\n");
            // The pull request also tries to switch the rule off: the target branch's config judges it.
            User.Write(".hookguard.yaml", "rules:\n  disable: [github-personal-access-token]\n");
            User.Commit("more", "--no-verify");
            User.Git("push", "-q", "--no-verify", "origin", "feature");
            Checkout = Path.Combine(Scratch, "checkout");
            var clone = ProcessRunner.Run("git", ["clone", "-q", "--branch", "feature", Remote.Root, Checkout], Scratch);
            Assert.That(clone.ExitCode, Is.Zero, clone.Output);
            Directory.CreateDirectory(Path.Combine(Scratch, "home"));
            Directory.CreateDirectory(Path.Combine(Scratch, "fake-bin"));
            File.CreateSymbolicLink(Path.Combine(Scratch, "fake-bin", "dotnet"),
                Path.Combine(CompiledRuleSpecs.RepositoryRoot(), "tests", "HookGuard.Tests", "EndToEnd", "Install", "fake-dotnet"));
        }

        public Dictionary<string, string?> Env(string path) => new()
        {
            ["HOME"] = Path.Combine(Scratch, "home"),
            ["PATH"] = path,
            ["HOOKGUARD_HOME"] = null, ["HOOKGUARD_LINK_DIR"] = null, ["XDG_DATA_HOME"] = null,
            ["FAKE_DOTNET_LOG"] = Path.Combine(Scratch, "publishes.log"),
            ["HOOKGUARD_UNDER_TEST"] = HookGuardBinary.Path,
        };

        public string BasePath => Path.Combine(Scratch, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");

        /// <summary>One step's shell, as the runner gives it to bash (-e), with this checkout's substitutions.</summary>
        public ProcessResult Step(string script, Dictionary<string, string?> env)
        {
            var lines = script.Split('\n').Where(l => !l.TrimStart().StartsWith("sudo apt-get", StringComparison.Ordinal) && !l.TrimStart().StartsWith("apt-get", StringComparison.Ordinal));
            // A runner's /tmp is its own; here a clone left by an earlier run must not be met again.
            var text = string.Join('\n', lines).Replace(PublicUrl, "file://" + CompiledRuleSpecs.RepositoryRoot(), StringComparison.Ordinal)
                .Replace("/tmp/hookguard", Path.Combine(Scratch, "hookguard-src"), StringComparison.Ordinal);
            return ProcessRunner.Run("/bin/bash", ["-e", "-c", text], Checkout, env: env, timeoutMs: 600_000);
        }

        public void Dispose()
        {
            User.Dispose();
            Remote.Dispose();
            try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { }
        }
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string S(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    [Test]
    public void The_github_workflow_has_what_code_scanning_needs_and_its_steps_block_a_pull_request_adding_a_token()
    {
        var workflow = Load(ReadmeSnippets.Get("github-actions"));
        Assert.That(((YamlMappingNode)workflow["on"]).Children.ContainsKey(new YamlScalarNode("pull_request")), Is.True);
        Assert.That(S(workflow["permissions"], "security-events"), Is.EqualTo("write"));
        var steps = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])["secrets"])["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var uses = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("uses"))).ToDictionary(s => S(s, "uses").Split('@')[0]);
        Assert.That(S(uses["actions/checkout"]["with"], "fetch-depth"), Is.EqualTo("0"), "the base branch must be in the clone");
        Assert.That(S(uses["actions/setup-dotnet"]["with"], "dotnet-version"), Does.StartWith("10."));
        var sarif = S(uses["github/codeql-action/upload-sarif"]["with"], "sarif_file");

        using var ci = new CiClone();
        var githubPath = Path.Combine(ci.Scratch, "github-path");
        File.WriteAllText(githubPath, "");
        ProcessResult? scan = null;
        foreach (var step in steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))))
        {
            // The runner puts what a step appends to $GITHUB_PATH in front of PATH for the steps after it.
            var path = string.Join(':', File.ReadAllLines(githubPath).Reverse().Append(ci.BasePath));
            var env = ci.Env(path);
            env["GITHUB_PATH"] = githubPath;
            env["GITHUB_BASE_REF"] = "main";
            env["RUNNER_TEMP"] = Directory.CreateDirectory(Path.Combine(ci.Scratch, "runner-temp")).FullName;
            var run = ci.Step(S(step, "run"), env);
            if (S(step, "run").Contains("hookguard scan", StringComparison.Ordinal)) scan = run;
            else Assert.That(run.ExitCode, Is.Zero, run.Output);
        }
        Assert.That(scan, Is.Not.Null);
        Assert.That(scan!.ExitCode, Is.EqualTo(1), scan.Output);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(ci.Checkout, sarif)))!;
        var results = report["runs"]![0]!["results"]!.AsArray();
        Assert.That(results.Select(r => (string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]), Does.Contain("leak.env"));
    }

    [Test]
    public void The_gitlab_job_writes_a_secret_detection_report_for_the_merge_request()
    {
        var job = (YamlMappingNode)Load(ReadmeSnippets.Get("gitlab-ci"))["hookguard"];
        Assert.That(S(job, "image"), Does.Contain("dotnet/sdk:10"));
        Assert.That(((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)job["rules"]).Children[0])["if"]).Value, Does.Contain("merge_request_event"));
        var reportFile = S(((YamlMappingNode)job["artifacts"])["reports"], "secret_detection");
        Assert.That(S(job["artifacts"], "when"), Is.EqualTo("always"));

        using var ci = new CiClone();
        var env = ci.Env(ci.BasePath);
        env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main";
        env["CI_PIPELINE_SOURCE"] = "merge_request_event";
        var lines = ((YamlSequenceNode)job["before_script"]).Concat((YamlSequenceNode)job["script"]).Cast<YamlScalarNode>().Select(n => n.Value!).ToList();
        ProcessResult? scan = null;
        foreach (var line in lines)
        {
            var run = ci.Step(line, env);
            if (line.Contains("hookguard scan", StringComparison.Ordinal)) scan = run;
            else Assert.That(run.ExitCode, Is.Zero, line + "\n" + run.Output);
        }
        Assert.That(scan!.ExitCode, Is.EqualTo(1), scan.Output);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(ci.Checkout, reportFile)))!;
        GitLabReportSpecs.AssertReportShape(report, "success");
        var vulnerability = report["vulnerabilities"]!.AsArray().Single()!;
        Assert.That((string?)vulnerability["location"]!["file"], Is.EqualTo("leak.env"));
        Assert.That((string?)vulnerability["location"]!["commit"]!["sha"], Is.EqualTo(ci.User.Git("rev-parse", "feature~1").Trim()));
        Assert.That(report.ToJsonString(), Does.Not.Contain(FakeSecrets.GitHubClassicToken(101)));
    }
}
