namespace HookGuard.Config;

/// <summary>A problem in a configuration or rule file, located so an editor can jump to it.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        Printable(Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}");

    /// <summary>Control characters from a file (terminal escapes) are shown as \xNN, never sent to the terminal.</summary>
    private static string Printable(string text)
    {
        if (!text.Any(IsControl)) return text;
        var printable = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
            if (IsControl(c)) printable.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            else printable.Append(c);
        return printable.ToString();
    }

    private static bool IsControl(char c) => char.IsControl(c) || c is '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}

/// <summary>Thrown when configuration cannot be used; carries every problem found, not just the first.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
