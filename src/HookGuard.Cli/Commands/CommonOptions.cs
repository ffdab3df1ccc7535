using HookGuard.Cli.CommandLine;
using HookGuard.Install;
using HookGuard.Reporting;

namespace HookGuard.Cli.Commands;

/// <summary>Options shared by the commands that report findings.</summary>
internal static class CommonOptions
{
    private static readonly string[] ReportFormats = ["text", "json", "sarif", "gitlab"];
    private static readonly string[] ListFormats = ["text", "json"];

    /// <summary>The format of a scan's report.</summary>
    public static readonly OptionSpec Format = new("--format",
        $"output format: {OptionSpec.Listed(ReportFormats)} (GitLab's secret-detection report; default text)", "FORMAT", Allowed: ReportFormats);

    /// <summary>The format of a listing (rules, allowlist entries, bypasses): there is no SARIF or GitLab form of those.</summary>
    public static readonly OptionSpec ListFormat = new("--format", $"output format: {OptionSpec.Listed(ListFormats)} (default text)", "FORMAT", Allowed: ListFormats);

    /// <summary>The git hook a command runs as, set by the hooks HookGuard installs (they say how to bypass once on failure).</summary>
    public static readonly OptionSpec Hook = new("--hook",
        $"the git hook this scan runs as (set by the installed hooks): {OptionSpec.Listed(HookInstaller.DefaultHooks)}", "NAME", Allowed: HookInstaller.DefaultHooks);

    public static readonly OptionSpec Output = new("--output", "write the report to FILE instead of standard output", "FILE");
    public static readonly OptionSpec Config = new("--config", "configuration file (default .hookguard.yaml at the repository root)", "FILE");
    public static readonly OptionSpec NoColor = new("--no-color", "no colour, even on a terminal (NO_COLOR works too)");
    public static readonly OptionSpec ShowSecrets = new("--show-secrets", "print secrets in clear (refused with --format sarif)");
    public static readonly OptionSpec Quiet = new("--quiet", "print only the summary line");
    public static readonly OptionSpec Verbose = new("--verbose", "also list allowed findings and why");

    public static readonly OptionSpec[] Reporting = [Format, Output, Config, NoColor, ShowSecrets, Quiet, Verbose];

    public static IReporter Reporter(ParsedArgs args)
    {
        var format = args.Value(Format.Name);
        var color = !args.Has(NoColor.Name) && Environment.GetEnvironmentVariable("NO_COLOR") is null or ""
            && args.Value(Output.Name) is null && !Console.IsOutputRedirected;
        return format switch
        {
            null or "text" => new TextReporter(color, verbose: args.Has(Verbose.Name), quiet: args.Has(Quiet.Name)),
            "json" => new JsonReporter(),
            "sarif" when args.Has(ShowSecrets.Name) => throw new UsageException("--show-secrets is refused with --format sarif: SARIF files are uploaded and kept"),
            "sarif" => new SarifReporter(),
            "gitlab" when args.Has(ShowSecrets.Name) => throw new UsageException("--show-secrets is refused with --format gitlab: the report is kept as a pipeline artifact"),
            "gitlab" => new GitLabReporter(),
            _ => throw new System.Diagnostics.UnreachableException($"--format {format} passed the parser"),
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
