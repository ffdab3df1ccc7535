using HookGuard.Cli.CommandLine;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

/// <summary>Options shared by the commands that report findings.</summary>
internal static class CommonOptions
{
    public static readonly OptionSpec Format = new("--format", "output format: text, json, sarif or gitlab (GitLab's secret-detection report; default text)", "FORMAT");
    public static readonly OptionSpec Output = new("--output", "write the report to FILE instead of standard output", "FILE");
    public static readonly OptionSpec Config = new("--config", "configuration file (default .hookguard.yaml at the repository root)", "FILE");
    public static readonly OptionSpec NoColor = new("--no-color", "no colour, even on a terminal (NO_COLOR works too)");
    public static readonly OptionSpec ShowSecrets = new("--show-secrets", "print secrets in clear (refused with --format sarif)");
    public static readonly OptionSpec Quiet = new("--quiet", "print only the summary line");
    public static readonly OptionSpec Verbose = new("--verbose", "also list allowed findings and why");

    public static readonly OptionSpec[] Reporting = [Format, Output, Config, NoColor, ShowSecrets, Quiet, Verbose];

    public static IReporter Reporter(ParsedArgs args)
    {
        var format = args.Value(Format.Name) ?? "text";
        var color = !args.Has(NoColor.Name) && Environment.GetEnvironmentVariable("NO_COLOR") is null or ""
            && args.Value(Output.Name) is null && !Console.IsOutputRedirected;
        return format switch
        {
            "text" => new TextReporter(color, verbose: args.Has(Verbose.Name), quiet: args.Has(Quiet.Name)),
            "json" => new JsonReporter(),
            "sarif" when args.Has(ShowSecrets.Name) => throw new UsageException("--show-secrets is refused with --format sarif: SARIF files are uploaded and kept"),
            "sarif" => new SarifReporter(),
            "gitlab" when args.Has(ShowSecrets.Name) => throw new UsageException("--show-secrets is refused with --format gitlab: the report is kept as a pipeline artifact"),
            "gitlab" => new GitLabReporter(),
            _ => throw new UsageException($"option '--format' must be text, json, sarif or gitlab, not '{format}'"),
        };
    }

    /// <summary>Writes the report where --output says; returns nothing to print on the terminal when it went to a file.</summary>
    public static void Emit(ParsedArgs args, IReporter reporter, ScanReport report)
    {
        if (args.Value(Output.Name) is { } path)
        {
            using (var file = new StreamWriter(path))
                reporter.Write(report, file);
            if (reporter is not TextReporter)
                new TextReporter(color: false, quiet: true).Write(report, Console.Error);
            return;
        }
        reporter.Write(report, Console.Out);
    }
}
