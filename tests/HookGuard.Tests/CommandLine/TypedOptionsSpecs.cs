using HookGuard.Cli.CommandLine;
using HookGuard.Cli.Commands;
using HookGuard.Tests.Support;

namespace HookGuard.Tests.CommandLine;

/// <summary>
/// An option that takes a fixed set of values refuses any other with exit 2, naming the option and
/// what it takes, wherever it is accepted: no command falls back silently on a format it cannot write.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TypedOptionsSpecs
{
    /// <summary>Every command that takes --format, with the formats it writes.</summary>
    private static readonly (string Words, string[] Formats)[] FormatCommands =
    [
        ("scan", ["text", "json", "sarif", "gitlab"]),
        ("rules list", ["text", "json"]),
        ("allowlist list", ["text", "json"]),
        ("audit", ["text", "json"]),
    ];

    private static readonly string[] AllFormats = ["text", "json", "sarif", "gitlab", "xml", "TEXT", ""];

    public static IEnumerable<TestCaseData> Unsupported() =>
        from c in FormatCommands
        from f in AllFormats.Except(c.Formats)
        select new TestCaseData(c.Words, f, c.Formats).SetName($"Options: '{c.Words} --format {f}' is a usage error naming --format");

    public static IEnumerable<TestCaseData> Supported() =>
        from c in FormatCommands
        from f in c.Formats
        select new TestCaseData(c.Words, f).SetName($"Options: '{c.Words} --format {f}' runs");

    [TestCaseSource(nameof(Unsupported))]
    public void An_unsupported_format_exits_2_naming_the_option_and_its_values(string words, string format, string[] supported)
    {
        using var repo = new TempRepo();
        var result = repo.HookGuard([.. words.Split(' '), "--format", format]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Stderr, Does.Contain($"option '--format' must be {OptionSpec.Listed(supported)}, not '{format}'"));
        Assert.That(result.Stdout, Is.Empty);
    }

    [TestCaseSource(nameof(Supported))]
    public void A_supported_format_runs(string words, string format)
    {
        using var repo = new TempRepo();
        repo.Write("README.md", "# clean\n");
        repo.Commit("first");
        var result = repo.HookGuard([.. words.Split(' '), "--format", format]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        if (format != "text") Assert.That(result.Stdout.TrimStart()[0], Is.AnyOf('{', '['), result.Output);
    }

    [Test]
    public void Options_an_inline_value_and_a_foreign_spelling_are_checked_too()
    {
        using var repo = new TempRepo();
        foreach (var args in new[] { new[] { "rules", "list", "--format=sarif" }, ["rules", "list", "-f", "gitlab"], ["audit", "--report-format", "sarif"] })
        {
            var result = repo.HookGuard(args);
            Assert.That(result.ExitCode, Is.EqualTo(2), string.Join(' ', args) + ": " + result.Output);
            Assert.That(result.Stderr, Does.Contain("option '--format' must be text or json"));
        }
    }

    [TestCase("scan", "--staged", "--hook", "post-checkout")]
    [TestCase("audit", "record", "--hook", "pre-rebase")]
    public void Options_an_unknown_hook_is_a_usage_error_naming_the_hooks(params string[] args)
    {
        using var repo = new TempRepo();
        var result = repo.HookGuard(args);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Stderr, Does.Contain("option '--hook' must be pre-commit, pre-merge-commit, pre-push, post-commit or post-merge, not '"));
        // Not one of HookGuard's hooks: no hook-specific bypass advice.
        Assert.That(result.Stderr, Does.Not.Contain("--no-verify"));
    }

    [TestCase("option '--range' takes A..B (for example origin/main..HEAD), not 'main'", "scan", "--range", "main")]
    [TestCase("option '--range' takes A..B (for example origin/main..HEAD), not '--all..HEAD'", "scan", "--range=--all..HEAD")]
    [TestCase("option '--hooks' names an unknown hook 'pre-comit' (known: pre-commit,", "install", "--hooks", "pre-commit,pre-comit")]
    [TestCase("option '--hooks' names no hook (known: pre-commit,", "uninstall", "--hooks", " , ")]
    public void Options_a_value_of_the_wrong_form_is_refused_when_parsed_before_anything_runs(string message, params string[] args)
    {
        using var repo = new TempRepo();
        var hooks = Path.Combine(repo.Root, ".git", "hooks");
        var before = Directory.GetFiles(hooks).Select(Path.GetFileName).Order().ToList();
        var result = repo.HookGuard(args);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(Directory.GetFiles(hooks).Select(Path.GetFileName).Order(), Is.EqualTo(before), "nothing installed or removed");
    }

    [Test]
    public void Options_hook_is_one_option_shared_by_scan_and_audit_record()
    {
        var withHook = new[] { ScanCommand.Spec, AuditCommand.RecordSpec }.Select(s => s.Options.Single(o => o.Name == "--hook")).Distinct().ToList();
        Assert.That(withHook, Has.Count.EqualTo(1));
        Assert.That(withHook[0].Allowed, Is.EquivalentTo(HookGuard.Install.HookInstaller.KnownHooks));
    }

    [Test]
    public void Options_listed_values_read_as_a_sentence()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OptionSpec.Listed(["text", "json"]), Is.EqualTo("text or json"));
            Assert.That(OptionSpec.Listed(["a", "b", "c"]), Is.EqualTo("a, b or c"));
            Assert.That(OptionSpec.Listed(["a"]), Is.EqualTo("a"));
        });
    }
}
