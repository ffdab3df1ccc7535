namespace HookGuard.Cli.CommandLine;

/// <summary>The command line is at fault; the message names the option and the command's help.</summary>
internal sealed class UsageException(string message) : Exception(message);
