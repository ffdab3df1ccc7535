using HookGuard.Platform;

namespace HookGuard.GitStore;

/// <summary>
/// Every time git answers instead of the in-process reader, the reader says why here: the fallback is
/// counted, and with HOOKGUARD_TRACE=1 one line naming the reason goes to stderr (the reason's own
/// words and an exception's type, never repository content), so a slower path is never a silent one.
/// </summary>
internal static class GitFallback
{
    /// <summary>Set to 1 to print one line per fallback to git on stderr.</summary>
    public const string TraceVariable = "HOOKGUARD_TRACE";

    private static int s_count;

    /// <summary>Fallbacks to git in this process so far.</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>Records a fallback; true, so that it can stand in an exception filter.</summary>
    public static bool Note(string reason)
    {
        Interlocked.Increment(ref s_count);
        if (Environment.GetEnvironmentVariable(TraceVariable) == "1")
            Console.Error.WriteLine("hookguard: trace: git used: " + TerminalText.Escape(reason));
        return true;
    }

    /// <summary>An object, pack or index the reader could not read (git decides, and reports real damage).</summary>
    public static bool Note(Exception e) => Note("could not read it in-process (" + e.GetType().Name + ")");
}
