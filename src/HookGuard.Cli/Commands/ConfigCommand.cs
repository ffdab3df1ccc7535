using HookGuard.Cli.CommandLine;

namespace HookGuard.Cli.Commands;

public static class ConfigCommand
{
    public static readonly CommandSpec ValidateSpec = new("config validate",
        "Checks .hookguard.yaml and its custom rules; reports every problem with file:line:column (exit 2), or says it is valid.",
        [CommonOptions.Config]);

    public static int Validate(ParsedArgs args)
    {
        // Loading validates: a problem throws a ConfigException carrying all of them.
        var ctx = RepoContext.Load(args, needsGit: false);
        var custom = ctx.Config.CustomRules;
        var failures = HookGuard.Testing.RuleExampleRunner.Run(custom);
        foreach (var failure in failures) Console.Error.WriteLine(failure);
        if (failures.Count > 0) return ExitCodes.Usage;
        Console.WriteLine(ctx.Config.Source is null
            ? "hookguard: no .hookguard.yaml here; the built-in rules run with their defaults"
            : $"hookguard: {ctx.Config.Source} is valid ({custom.Count} custom rule(s), {ctx.Rules.Count} rules in effect)");
        return ExitCodes.Clean;
    }
}
