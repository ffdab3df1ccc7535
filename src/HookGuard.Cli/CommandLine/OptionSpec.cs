namespace HookGuard.Cli.CommandLine;

/// <summary>
/// One option, defined once: parsing, --help and error messages all come from it. <see cref="Allowed"/>,
/// when set, is every value the option takes; <see cref="Refusal"/>, when set, says what is wrong with a
/// value of a form (`A..B`, a list of hook names). The parser refuses such a value with exit 2, so a
/// command never falls back silently on a value it does not support, nor checks one itself.
/// </summary>
internal sealed record OptionSpec(string Name, string Help, string? ValueName = null, int Values = 1, IReadOnlyList<string>? Allowed = null,
    Func<string, string?>? Refusal = null)
{
    public bool TakesValue => ValueName is not null;

    /// <summary>The value itself when the option takes it; otherwise the usage error that names the option and what it takes.</summary>
    public string Check(string value)
    {
        if (Allowed is not null && !Allowed.Contains(value, StringComparer.Ordinal))
            throw new UsageException($"option '{Name}' must be {Listed(Allowed)}, not '{value}'");
        return Refusal?.Invoke(value) is { } why ? throw new UsageException($"option '{Name}' {why}") : value;
    }

    /// <summary>"a, b or c": how help and errors name a list of values.</summary>
    public static string Listed(IReadOnlyList<string> values)
    {
        // A loop, not LINQ: every command's help texts are built at start-up, `--version` included.
        var text = values.Count > 0 ? values[0] : "";
        for (var i = 1; i < values.Count; i++) text += (i == values.Count - 1 ? " or " : ", ") + values[i];
        return text;
    }
}

/// <summary>A command: its words, what it does, its options and its positional arguments.</summary>
internal sealed record CommandSpec(string Words, string Summary, IReadOnlyList<OptionSpec> Options, string? Positionals = null)
{
    public static readonly OptionSpec Help = new("--help", "show this help");

    public string HelpText()
    {
        var lines = new List<string> { $"usage: hookguard {Words} [options]{(Positionals is null ? "" : " " + Positionals)}", "", Summary, "", "options:" };
        foreach (var o in Options.Append(Help))
        {
            var left = o.TakesValue ? $"{o.Name} {o.ValueName}" : o.Name;
            lines.Add($"  {left,-28} {o.Help}");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
