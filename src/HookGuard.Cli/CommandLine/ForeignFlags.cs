namespace HookGuard.Cli.CommandLine;

/// <summary>
/// Flags that scripts written for other scanners pass, taken in HookGuard's spelling: `-f`/`--report-format`
/// is --format, `-o`/`--report-path` is --output, `-q` --quiet, `-v` --verbose; `--redact` and
/// `--no-banner` are what HookGuard always does; `--exit-code 1` is its own exit code for findings and
/// any other is refused with how to get it.
/// </summary>
internal static class ForeignFlags
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["-f"] = "--format", ["--report-format"] = "--format",
        ["-o"] = "--output", ["--report-path"] = "--output",
        ["-q"] = "--quiet", ["-v"] = "--verbose",
    };

    private static readonly HashSet<string> AlwaysOn = new(StringComparer.Ordinal) { "--redact", "--no-banner" };

    public static List<string> Translate(CommandSpec spec, IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                result.AddRange(args.Skip(i));
                break;
            }
            var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            // A value of one of HookGuard's own options is never a flag (`--reason -v`).
            if (spec.Options.FirstOrDefault(o => o.Name == name) is { TakesValue: true } own && inline is null)
            {
                result.Add(arg);
                for (var n = 0; n < own.Values && i + 1 < args.Count; n++) result.Add(args[++i]);
                continue;
            }
            if (AlwaysOn.Contains(name) && spec.Options.Any(o => o.Name == "--format")) continue;
            if (name == "--exit-code" && spec.Options.Any(o => o.Name == "--format"))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : "");
                if (value == "1") continue;
                throw new UsageException($"option '--exit-code {value}': HookGuard's exit codes are fixed (0 clean, 1 secrets found, 2 usage or configuration error, 3 internal error); " +
                    $"to exit {(value.Length > 0 ? value : "N")} on findings: hookguard scan ...; [ $? -eq 1 ] && exit {(value.Length > 0 ? value : "N")}");
            }
            if (Renamed.TryGetValue(name, out var ours) && spec.Options.Any(o => o.Name == ours))
            {
                result.Add(inline is null ? ours : ours + "=" + inline);
                continue;
            }
            result.Add(arg);
        }
        return result;
    }
}
