namespace HookGuard.Cli.CommandLine;

/// <summary>One option, defined once: parsing, --help and error messages all come from it.</summary>
internal sealed record OptionSpec(string Name, string Help, string? ValueName = null, int Values = 1)
{
    public bool TakesValue => ValueName is not null;
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
