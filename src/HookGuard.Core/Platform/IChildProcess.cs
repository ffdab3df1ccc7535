namespace HookGuard.Platform;

/// <summary>A started child whose standard output is read as a stream and whose standard error is kept for messages.</summary>
internal interface IChildProcess : IDisposable
{
    Stream Output { get; }

    /// <summary>Waits for the child to end; its exit code.</summary>
    int WaitForExit();

    /// <summary>Its standard error, complete once it has ended.</summary>
    string ErrorText { get; }
}
