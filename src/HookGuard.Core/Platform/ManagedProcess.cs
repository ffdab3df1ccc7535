using System.Diagnostics;

namespace HookGuard.Platform;

/// <summary>A child started through System.Diagnostics.Process: where <see cref="SpawnedProcess"/> is not supported.</summary>
internal sealed class ManagedProcess : IChildProcess
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ManagedProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Starts <paramref name="argv"/>[0] found on PATH, with this environment changed as given (null: removed).</summary>
    public static ManagedProcess Start(IReadOnlyList<string> argv, IReadOnlyList<(string Name, string? Value)> changes)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        for (var i = 1; i < argv.Count; i++) info.ArgumentList.Add(argv[i]);
        foreach (var (name, value) in changes)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return new ManagedProcess(Process.Start(info) ?? throw new IOException($"could not start {argv[0]}"));
    }

    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string ErrorText => _stderr.Result;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(); }
            catch (InvalidOperationException) { /* it ended meanwhile */ }
        }
        _process.Dispose();
    }
}
