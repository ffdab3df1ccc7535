namespace HookGuard.Cli.CommandLine;

/// <summary>A command line parsed against its <see cref="CommandSpec"/>.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];
    public bool WantsHelp { get; private set; }

    public static ParsedArgs Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var parsed = new ParsedArgs();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || !arg.StartsWith('-') || arg == "-")
            {
                if (spec.Positionals is null)
                    throw new UsageException($"'hookguard {spec.Words}' takes no argument '{arg}'; see 'hookguard {spec.Words} --help'");
                parsed.Positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }
            if (arg is "--help" or "-h")
            {
                parsed.WantsHelp = true;
                continue;
            }
            var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            var option = spec.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '{name}' for 'hookguard {spec.Words}'{Hint(spec, name)}; see 'hookguard {spec.Words} --help'");
            var values = parsed._values.TryGetValue(option.Name, out var list) ? list : parsed._values[option.Name] = [];
            if (!option.TakesValue)
            {
                if (inline is not null) throw new UsageException($"option '{name}' takes no value");
                continue;
            }
            if (inline is not null)
            {
                values.Add(option.Check(inline));
                continue;
            }
            for (var n = 0; n < option.Values; n++)
            {
                // An optional trailing value (pre-push's URL) may be absent.
                if (i + 1 >= args.Count || (n > 0 && args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                {
                    if (n == 0) throw new UsageException($"option '{name}' needs a value: {option.Name} {option.ValueName}");
                    break;
                }
                values.Add(option.Check(args[++i]));
            }
        }
        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];

    private static string Hint(CommandSpec spec, string name) =>
        HookGuard.Yaml.Suggestions.Closest(name, spec.Options.Select(o => o.Name)) is { } close ? $" (did you mean '{close}'?)" : "";
}
