using HookGuard.Cli;
using HookGuard.Cli.CommandLine;
using HookGuard.Cli.Commands;
using HookGuard.Config;
using HookGuard.Platform;
using HookGuard.Reporting;
using HookGuard.Scanning;
using HookGuard.Yaml;

namespace HookGuard.Cli
{
    /// <summary>Thin glue: picks the command, turns failures into the exit codes of docs/DESIGN.md.</summary>
    internal static class Cli
    {
        private static readonly (CommandSpec Spec, Func<ParsedArgs, int> Run)[] Commands =
        [
            (ScanCommand.Spec, ScanCommand.Run),
            (InstallCommand.InstallSpec, InstallCommand.Install),
            (InstallCommand.UninstallSpec, InstallCommand.Uninstall),
            (DoctorCommand.Spec, DoctorCommand.Run),
            (RulesCommand.ListSpec, RulesCommand.List),
            (RulesCommand.ShowSpec, RulesCommand.Show),
            (RulesCommand.TestSpec, RulesCommand.Test),
            (BaselineCommand.CreateSpec, BaselineCommand.Create),
            (BaselineCommand.UpdateSpec, BaselineCommand.Update),
            (BaselineCommand.PruneSpec, BaselineCommand.Prune),
            (BaselineImport.Spec, BaselineImport.Run),
            (ConfigCommand.ValidateSpec, ConfigCommand.Validate),
            (AllowlistCommand.ListSpec, AllowlistCommand.List),
            (AllowlistCommand.AllowSpec, AllowlistCommand.Allow),
            (AuditCommand.RecordSpec, AuditCommand.Record),
            (AuditCommand.ListSpec, AuditCommand.List),
            (new CommandSpec("version", "Prints HookGuard's version.", []), _ => Version()),
        ];

        public static int Main(string[] args)
        {
            string? hook = null;
            StandardStreams.Install();
            HookGuard.Rules.RuleSet.UseCompiled(HookGuard.Rules.CompiledRules.Create);
            try
            {
                hook = HookName(args);
                return Dispatch(args);
            }
            catch (UsageException e) { return Fail(ExitCodes.Usage, e.Message, hook); }
            catch (ScanRequestException e) { return Fail(ExitCodes.Usage, e.Message, hook); }
            catch (ConfigException e) { return Fail(ExitCodes.Usage, "configuration error:" + Environment.NewLine + e.Message, hook); }
            catch (GitException e) { return Fail(e.IsUsageError ? ExitCodes.Usage : ExitCodes.Internal, e.Message, hook); }
            catch (FileNotFoundException e) { return Fail(ExitCodes.Usage, e.Message, hook); }
            catch (IOException e) { return Fail(ExitCodes.Internal, e.Message, hook); }
            catch (UnauthorizedAccessException e) { return Fail(ExitCodes.Internal, e.Message, hook); }
            catch (Exception e)
            {
                return Fail(ExitCodes.Internal, $"internal error ({e.GetType().Name}): {e.Message}" + Environment.NewLine +
                    "  Please report it at https://github.com/hookguard/hookguard/issues with this message and `hookguard version` (it never contains your secrets).", hook);
            }
        }

        private static int Dispatch(string[] args)
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                Console.WriteLine(TopHelp());
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Clean;
            }
            if (args[0] is "--version") return Version();
            foreach (var (spec, run) in Commands)
            {
                var words = spec.Words.Split(' ');
                if (args.Length < words.Length || !words.SequenceEqual(args.Take(words.Length))) continue;
                var parsed = ParsedArgs.Parse(spec, ForeignFlags.Translate(spec, args[words.Length..]));
                if (parsed.WantsHelp)
                {
                    Console.WriteLine(spec.HelpText());
                    return ExitCodes.Clean;
                }
                return run(parsed);
            }
            var known = Commands.Select(c => c.Spec.Words).ToList();
            var hint = HookGuard.Yaml.Suggestions.Closest(string.Join(' ', args.Take(2)), known) ?? HookGuard.Yaml.Suggestions.Closest(args[0], known);
            throw new UsageException($"unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'" +
                (hint is null ? "" : $"; did you mean '{hint}'?") + "; see 'hookguard --help'");
        }

        private static string TopHelp() =>
            "hookguard: blocks commits and pushes that add secrets, and tells you how to clean up." + Environment.NewLine + Environment.NewLine +
            "commands:" + Environment.NewLine +
            string.Join(Environment.NewLine, Commands.Select(c => $"  {c.Spec.Words,-18} {FirstSentence(c.Spec.Summary)}")) + Environment.NewLine + Environment.NewLine +
            "Run 'hookguard COMMAND --help' for a command's options. Exit codes: 0 clean, 1 findings, 2 usage or configuration error, 3 internal error.";

        private static string FirstSentence(string text) => text.IndexOf(". ", StringComparison.Ordinal) is var i and > 0 ? text[..(i + 1)] : text;

        private static int Version()
        {
            // "0.1.0+COMMIT" when the build was told its commit (install.sh, tests/run.sh: -p:SourceRevisionId).
            var informational = typeof(Cli).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
            var version = typeof(Cli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = informational?.IndexOf('+') ?? -1;
            Console.WriteLine(plus > 0 ? $"hookguard {version} (commit {informational![(plus + 1)..]})" : "hookguard " + version);
            return ExitCodes.Clean;
        }

        /// <summary>Read before parsing, so that a command line the parser refuses still fails closed as a hook; only a hook HookGuard installs counts.</summary>
        private static string? HookName(string[] args)
        {
            var i = Array.IndexOf(args, CommonOptions.Hook.Name);
            return i >= 0 && i + 1 < args.Length && CommonOptions.Hook.Allowed!.Contains(args[i + 1], StringComparer.Ordinal) ? args[i + 1] : null;
        }

        /// <summary>Errors go to stderr, never with a stack trace; inside a hook they say how to get past once.</summary>
        private static int Fail(int code, string message, string? hook)
        {
            // Messages quote paths, option values and config text: control characters escaped, line breaks kept.
            Console.Error.WriteLine("hookguard: " + TerminalText.EscapeLines(message));
            if (hook is not null)
            {
                var verb = hook == "pre-push" ? "push" : "commit";
                Console.Error.WriteLine($"hookguard: the {hook} hook is blocked because the scan could not run (fail closed).");
                Console.Error.WriteLine($"  Fix the problem above, or bypass once, unscanned: git {verb} --no-verify");
            }
            return code;
        }
    }
}
