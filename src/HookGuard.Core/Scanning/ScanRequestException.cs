namespace HookGuard.Scanning;

/// <summary>What was asked for cannot be done as asked (a --config that is no file, a revision that names no commit): exit 2, like a usage error.</summary>
internal sealed class ScanRequestException(string message) : Exception(message);
