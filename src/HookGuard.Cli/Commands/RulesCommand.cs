using HookGuard.Cli.CommandLine;
using HookGuard.Config;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Rules;
using HookGuard.Scanning;
using HookGuard.Testing;
using HookGuard.Yaml;

namespace HookGuard.Cli.Commands;

internal static class RulesCommand
{
    public static readonly CommandSpec ListSpec = new("rules list", "Lists the rules this repository runs (built-in less disabled, plus custom).",
        [CommonOptions.ListFormat, CommonOptions.Config]);
    public static readonly CommandSpec ShowSpec = new("rules show", "Shows one rule: pattern, keywords, examples and remediation.",
        [CommonOptions.Config], "ID");
    public static readonly CommandSpec TestSpec = new("rules test",
        "Runs every rule's own examples (built-in and custom, or the rule files in DIR); exit 1 naming each failure.",
        [CommonOptions.Config, CommonOptions.ShowSecrets], "[DIR|FILE ...]");

    public static int List(ParsedArgs args)
    {
        var rules = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false).Rules;
        if (args.Value(CommonOptions.ListFormat.Name) is "json")
        {
            Console.WriteLine(ListDocuments.Rules(rules));
            return ExitCodes.Clean;
        }
        foreach (var r in rules) Console.WriteLine(TerminalText.Escape($"{r.Id,-44} {r.Severity.ToString().ToLowerInvariant(),-9} {r.Name}"));
        Console.WriteLine($"{rules.Count} rules from {rules.Select(r => r.Provider).Distinct().Count()} providers");
        return ExitCodes.Clean;
    }

    public static int Show(ParsedArgs args)
    {
        if (args.Positionals.Count != 1) throw new UsageException("'hookguard rules show' takes one rule id");
        var rules = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false).Rules;
        var id = args.Positionals[0];
        var rule = rules.FirstOrDefault(r => r.Id == id)
            ?? throw new UsageException($"no rule '{id}'" + (HookGuard.Yaml.Suggestions.Closest(id, rules.Select(r => r.Id)) is { } c ? $"; did you mean '{c}'?" : "; see 'hookguard rules list'"));
        // A custom rule is the repository's text: every line escaped.
        static void Line(string text) => Console.WriteLine(TerminalText.Escape(text));
        Line($"{rule.Id}: {rule.Name} ({rule.Provider}, {rule.Severity.ToString().ToLowerInvariant()})");
        Line($"  defined at: {rule.Origin}");
        Line($"  keywords:   {string.Join(", ", rule.Keywords)}");
        Line($"  pattern:    {rule.Pattern}");
        Line($"  entropy:    at least {rule.MinEntropy} bits/char" + (rule.Checksum != ChecksumKind.None ? $"; checksum {rule.Checksum}" : ""));
        Line($"  grants:     {rule.Remediation.Summary}");
        for (var i = 0; i < rule.Remediation.Revoke.Count; i++) Line($"  {i + 1}. {rule.Remediation.Revoke[i]}");
        Line($"  docs:       {rule.Remediation.Docs}");
        foreach (var m in rule.Examples.Match) Line($"  match:      {m}");
        foreach (var m in rule.Examples.NoMatch) Line($"  no match:   {m}");
        return ExitCodes.Clean;
    }

    public static int Test(ParsedArgs args)
    {
        IReadOnlyList<Rule> rules;
        var errors = new List<ConfigError>();
        // Rule files named here are tested even when some are broken: every problem is listed at once.
        if (args.Positionals.Count > 0) rules = args.Positionals.SelectMany(p => RuleFileLoader.LoadPath(p, errors)).ToList();
        else rules = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false).Rules;

        var failures = errors.Select(e => e.ToString()).Concat(RuleExampleRunner.Run(rules, args.Has(CommonOptions.ShowSecrets.Name))).ToList();
        foreach (var failure in failures) Console.WriteLine(TerminalText.Escape(failure));
        var examples = rules.Sum(r => r.Examples.Match.Count + r.Examples.NoMatch.Count);
        Console.WriteLine($"{rules.Count} rules, {examples} examples, {failures.Count} failed");
        return failures.Count == 0 ? ExitCodes.Clean : ExitCodes.Findings;
    }
}
