namespace HookGuard.Install;

internal static class ExecutableScript
{
    /// <summary>Writes a shell script git (or Husky) can run: LF line endings, executable bits set.</summary>
    public static void Write(string path, string script)
    {
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
