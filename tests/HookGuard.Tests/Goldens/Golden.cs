namespace HookGuard.Tests.Goldens;

/// <summary>Compares output with a file under tests/HookGuard.Tests/Goldens/expected, or rewrites it on request.</summary>
internal static class Golden
{
    private static readonly string Folder = Path.Combine(FindRoot(), "tests", "HookGuard.Tests", "Goldens", "expected");

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        if (Environment.GetEnvironmentVariable("HOOKGUARD_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.That(File.Exists(path), $"no golden file {name}; record it with HOOKGUARD_UPDATE_GOLDENS=1 and review it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"output differs from Goldens/expected/{name}");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HookGuard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("HookGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
