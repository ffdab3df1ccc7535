using HookGuard.Platform;

namespace HookGuard.Yaml;

/// <summary>A problem in a configuration or rule file, located so an editor can jump to it.</summary>
internal sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        TerminalText.Escape(Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}");
}

/// <summary>Thrown when configuration cannot be used; carries every problem found, not just the first.</summary>
internal sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
