using System.Diagnostics;
using System.Text;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.EndToEnd;

/// <summary>
/// `.hookguard.yaml` and the baseline as hostile input: FIFOs, devices, links out of the repository,
/// alias bombs, deep nesting, huge files and rule floods end fast with exit 2 and a message naming
/// the file, and never echo what they should not.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PolicyFileSafetySpecs
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);

    private static TempRepo Started()
    {
        var repo = TempRepo.WithHooks();
        repo.Write("README.md", "hi\n");
        Assert.That(repo.Commit("init").ExitCode, Is.Zero);
        return repo;
    }

    private static ProcessResult Timed(Func<ProcessResult> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        Assert.That(clock.Elapsed, Is.LessThan(Fast), result.Output);
        return result;
    }

    private static void MakeFifo(TempRepo repo, string name)
    {
        var made = repo.Run("mkfifo", [Path.Combine(repo.Root, name)]);
        Assert.That(made.ExitCode, Is.Zero, made.Output);
    }

    [Test]
    public void A_fifo_as_the_config_is_refused_by_the_hook_and_the_commands_without_hanging()
    {
        using var repo = Started();
        MakeFifo(repo, ".hookguard.yaml");
        repo.Write("a.txt", "a\n");
        repo.Stage("a.txt");
        var commit = Timed(() => repo.Run("git", ["commit", "-q", "-m", "a"]));
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.Output, Does.Contain(".hookguard.yaml").And.Contain("named pipe"));
        foreach (var args in new[] { new[] { "config", "validate" }, ["scan", "."], ["baseline", "create"] })
        {
            var run = Timed(() => repo.HookGuard(args));
            Assert.That(run.ExitCode, Is.EqualTo(2), string.Join(' ', args) + ": " + run.Output);
            Assert.That(run.Output, Does.Contain(".hookguard.yaml"));
        }

        // post-commit (after a bypass) and pre-push read no working copy of the config they could hang on.
        var bypass = Timed(() => repo.Run("git", ["commit", "-q", "--no-verify", "-m", "bypass"]));
        Assert.That(bypass.ExitCode, Is.Zero, bypass.Output);
        var refs = $"refs/heads/main {repo.Head} refs/heads/main {new string('0', 40)}";
        var push = Timed(() => repo.Run(HookGuardBinary.Path, ["scan", "--pre-push", "origin", "--hook", "pre-push"],
            env: new Dictionary<string, string?> { ["HOOKGUARD_PUSH_REFS"] = refs }));
        Assert.That(push.ExitCode, Is.Zero, push.Output);
    }

    [Test]
    public void A_fifo_or_a_device_as_the_baseline_is_refused_without_hanging()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", "baseline: b.json\n");
        Assert.That(repo.Commit("config").ExitCode, Is.Zero);
        MakeFifo(repo, "b.json");
        var fifo = Timed(() => repo.HookGuard("scan", "."));
        Assert.That(fifo.ExitCode, Is.EqualTo(2), fifo.Output);
        Assert.That(fifo.Output, Does.Contain("b.json").And.Contain("named pipe"));

        File.Delete(Path.Combine(repo.Root, "b.json"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, "b.json"), "/dev/zero");
        var device = Timed(() => repo.HookGuard("scan", "."));
        Assert.That(device.ExitCode, Is.EqualTo(2), device.Output);
        Assert.That(device.Output, Does.Contain("b.json"));
    }

    [Test]
    public void Links_to_files_outside_the_repository_are_refused_without_echoing_them()
    {
        using var repo = Started();
        using var outside = new TempRepo(init: false);
        var target = outside.Write("shadow", "root:$6$c2VjcmV0LWhhc2gtaW4tc2hhZG93$:19000:0:99999:7:::\nshadowkey: 1\n");
        File.CreateSymbolicLink(Path.Combine(repo.Root, ".hookguard.yaml"), target);
        var config = Timed(() => repo.HookGuard("config", "validate"));
        Assert.That(config.ExitCode, Is.EqualTo(2), config.Output);
        Assert.That(config.Output, Does.Contain(".hookguard.yaml").And.Contain("symbolic link"));
        Assert.That(config.Output, Does.Not.Contain("root").And.Not.Contain("shadowkey").And.Not.Contain("c2VjcmV0"));

        File.Delete(Path.Combine(repo.Root, ".hookguard.yaml"));
        repo.Write(".hookguard.yaml", "baseline: b.json\n");
        File.CreateSymbolicLink(Path.Combine(repo.Root, "b.json"), target);
        var baseline = Timed(() => repo.HookGuard("scan", "."));
        Assert.That(baseline.ExitCode, Is.EqualTo(2), baseline.Output);
        Assert.That(baseline.Output, Does.Contain("b.json").And.Contain("symbolic link"));
        Assert.That(baseline.Output, Does.Not.Contain("root").And.Not.Contain("shadowkey"));
    }

    [Test]
    public void A_config_committed_as_a_link_is_refused_by_the_hook()
    {
        using var repo = Started();
        File.CreateSymbolicLink(Path.Combine(repo.Root, ".hookguard.yaml"), "/etc/hostname");
        repo.Commit("a link", "--no-verify");
        repo.Write("a.txt", "a\n");
        var commit = Timed(() => repo.Commit("next"));
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.Output, Does.Contain(".hookguard.yaml").And.Contain("symbolic link"));
    }

    private static string AliasBomb(bool asKey)
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 9; level++)
            yaml.Append($"{(char)('a' + level)}: &{(char)('a' + level)} [{string.Join(", ", Enumerable.Repeat("*" + (char)('a' + level - 1), 9))}]\n");
        yaml.Append(asKey ? "? *i\n: 1\n" : "rules: *i\n");
        return yaml.ToString();
    }

    [TestCase("alias bomb as a key")]
    [TestCase("alias bomb as a value")]
    [TestCase("alias as a key")]
    [TestCase("deep flow")]
    [TestCase("deep flow mapping")]
    public void Costly_yaml_is_refused_fast_with_its_position(string shape)
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", shape switch
        {
            "alias bomb as a key" => AliasBomb(asKey: true),
            "alias bomb as a value" => AliasBomb(asKey: false),
            "alias as a key" => "rules: &r {}\n? *r\n: 1\n",
            "deep flow" => "rules: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
            _ => "rules: " + string.Concat(Enumerable.Repeat("{k: ", 100_000)) + "1" + new string('}', 100_000) + "\n",
        });
        var validate = Timed(() => repo.HookGuard("config", "validate"));
        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Output);
        Assert.That(validate.Output, Does.Match(@"\.hookguard\.yaml:\d+:\d+: "));
        Assert.That(validate.Output, Does.Not.Contain("internal error"));
        var commit = Timed(() => repo.Commit("costly config"));
        Assert.That(commit.ExitCode, Is.Not.Zero);
    }

    [Test]
    public void A_config_larger_than_a_megabyte_is_refused()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", "rules: {}\n" + new string('#', 2 << 20) + "\n");
        var validate = Timed(() => repo.HookGuard("config", "validate"));
        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Output);
        Assert.That(validate.Output, Does.Contain(".hookguard.yaml").And.Contain("larger than"));
        repo.Commit("big config", "--no-verify");
        repo.Write("a.txt", "a\n");
        var commit = Timed(() => repo.Commit("next"));
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.Output, Does.Contain("larger than"));
    }

    private static string CustomRules(int count, string pattern = @"\b(acme{0}_[a-z0-9]{{32}})\b") =>
        "rules:\n  custom:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"    - id: acme-{i}\n      name: ACME {i}\n      keywords: [acme{i}_]\n      pattern: '{string.Format(pattern, i)}'\n" +
            "      remediation: { summary: s, revoke: [r], docs: https://acme.invalid }\n"));

    [Test]
    public void More_custom_rules_than_the_cap_or_a_huge_pattern_is_refused()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", CustomRules(201));
        var many = Timed(() => repo.HookGuard("config", "validate"));
        Assert.That(many.ExitCode, Is.EqualTo(2), many.Output);
        Assert.That(many.Output, Does.Contain("201 rules").And.Contain("at most 200"));

        repo.Write(".hookguard.yaml", CustomRules(1, "acme{0}_" + new string('a', 1100)));
        var huge = Timed(() => repo.HookGuard("config", "validate"));
        Assert.That(huge.ExitCode, Is.EqualTo(2), huge.Output);
        Assert.That(huge.Output, Does.Contain("at most 1024"));
    }

    [Test]
    public void Control_characters_in_a_config_error_are_shown_escaped()
    {
        using var repo = Started();
        repo.Write(".hookguard.yaml", "rules:\n  disable: [\"\\e[2J\\e]52;c;aGk=\\a\"]\n");
        var validate = repo.HookGuard("config", "validate");
        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Output);
        Assert.That(validate.Output, Does.Contain("\\x1b[2J"));
        Assert.That(validate.Output.Any(c => c is '\u001b' or '\u0007'), Is.False, validate.Output);
    }
}
