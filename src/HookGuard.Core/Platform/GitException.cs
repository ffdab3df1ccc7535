namespace HookGuard.Platform;

/// <summary>Git could not do what the scan needs; the message says what and how to fix it.</summary>
internal sealed class GitException(string message, bool isUsageError = false) : Exception(message)
{
    /// <summary>True when the user's situation is at fault (not a repository), not the environment.</summary>
    public bool IsUsageError { get; } = isUsageError;
}
