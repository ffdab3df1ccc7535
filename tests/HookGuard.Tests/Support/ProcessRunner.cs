using System.Diagnostics;
using System.Text;

namespace HookGuard.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

public static class ProcessRunner
{
    /// <summary>Git identity and isolation from the machine's settings, so tests behave the same everywhere.</summary>
    public static readonly Dictionary<string, string?> BaseEnvironment = new()
    {
        ["GIT_AUTHOR_NAME"] = "Tester",
        ["GIT_AUTHOR_EMAIL"] = "tester@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Tester",
        ["GIT_COMMITTER_EMAIL"] = "tester@example.invalid",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["NO_COLOR"] = "1",
        ["TERM"] = "dumb",
    };

    public static ProcessResult Run(string file, IEnumerable<string> args, string workingDirectory, string? stdin = null,
        IDictionary<string, string?>? env = null, int timeoutMs = 120_000)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in BaseEnvironment) info.Environment[k] = v;
        if (env is not null)
            foreach (var (k, v) in env)
            {
                if (v is null) info.Environment.Remove(k);
                else info.Environment[k] = v;
            }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
