namespace HookGuard.Tests.Support;

/// <summary>
/// The hookguard executable the end-to-end tests run: HOOKGUARD_EXE (the published NativeAOT binary,
/// which .ci/run sets), else the app host built next to these tests.
/// </summary>
public static class HookGuardBinary
{
    public static string Path { get; } = Resolve();

    private static string Resolve()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HOOKGUARD_EXE");
        if (!string.IsNullOrEmpty(fromEnv)) return System.IO.Path.GetFullPath(fromEnv);
        var local = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "hookguard.exe" : "hookguard");
        if (!File.Exists(local)) throw new FileNotFoundException("no hookguard binary next to the tests; build the solution first", local);
        return local;
    }
}
