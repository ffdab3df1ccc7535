using HookGuard.Cli.CommandLine;
using HookGuard.Config;
using HookGuard.Platform;
using HookGuard.Policy;
using HookGuard.Reporting;
using HookGuard.Scanning;

namespace HookGuard.Cli.Commands;

internal static class ConfigCommand
{
    public static readonly CommandSpec ValidateSpec = new("config validate",
        "Checks .hookguard.yaml and its custom rules; reports every problem with file:line:column (exit 2), or says it is valid.",
        [CommonOptions.Config, CommonOptions.ShowSecrets]);

    public static int Validate(ParsedArgs args)
    {
        // Loading validates: a problem throws a ConfigException carrying all of them.
        var ctx = RepoContext.Load(args.Value(CommonOptions.Config.Name), needsGit: false);
        var custom = ctx.Config.CustomRules;
        var failures = HookGuard.Testing.RuleExampleRunner.Run(custom, args.Has(CommonOptions.ShowSecrets.Name));
        foreach (var failure in failures) Console.Error.WriteLine(TerminalText.Escape(failure));
        if (ctx.Repository is { } repo) WarnAboutGlobsMatchingNothing(ctx, repo.TrackedFiles());
        if (failures.Count > 0) return ExitCodes.Usage;
        Console.WriteLine(ctx.Config.Source is null
            ? "hookguard: no .hookguard.yaml here; the built-in rules run with their defaults"
            : $"hookguard: {TerminalText.Escape(ctx.Config.Source)} is valid ({custom.Count} custom rule(s), {ctx.Rules.Count} rules in effect)");
        return ExitCodes.Clean;
    }

    /// <summary>
    /// A glob that matches no tracked file is usually a typo (`fixture/**` for `fixtures/**`); it is a
    /// warning, not an error, since the files it is meant for may not exist yet.
    /// </summary>
    private static void WarnAboutGlobsMatchingNothing(RepoContext ctx, IReadOnlyList<string> tracked)
    {
        foreach (var (key, glob) in ctx.Config.Globs)
        {
            var filter = new PathFilter([glob], []);
            if (!tracked.Any(filter.Includes))
                Console.Error.WriteLine(TerminalText.Escape($"hookguard: warning: {ctx.Config.Source}: {key}: '{glob}' matches none of the {tracked.Count} tracked files"));
        }
    }
}
