using System.ComponentModel;
using System.IO.Pipes;
using System.Text;

namespace HookGuard.Platform;

/// <summary>
/// Runs git isolated from user settings that change its output (pagers, colour, quoting, external
/// diff drivers), streaming its standard output to the caller.
/// </summary>
internal sealed class GitProcess : IDisposable
{
    internal static readonly string[] IsolatingConfig =
    [
        "-c", "core.quotePath=false", "-c", "color.ui=never", "-c", "diff.noprefix=false",
        "-c", "diff.mnemonicPrefix=false", "-c", "diff.suppressBlankEmpty=false", "-c", "log.showSignature=false",
        "-c", "core.pager=cat",
    ];

    // A pager or an editor must never be started from inside a hook, nor an external diff driver.
    // Into a pipe git flushes after every commit by default: one wake-up of this process per commit.
    // Fully buffered output (GIT_FLUSH=0) spares those wake-ups (history scans: bench/README.md).
    private static readonly (string Name, string? Value)[] EnvironmentChanges =
        [("GIT_PAGER", "cat"), ("GIT_TERMINAL_PROMPT", "0"), ("GIT_FLUSH", "0"), ("GIT_EXTERNAL_DIFF", null)];

    private readonly IChildProcess _child;
    private Stream? _output;

    private GitProcess(IChildProcess child) => _child = child;

    /// <summary>git's standard output: a pipe, read paced (see <see cref="PacedPipeStream"/>) where it can be.</summary>
    public Stream Output => _output ??= _child.Output switch
    {
        FileDescriptorStream pipe => PacedPipeStream.Over(pipe, pipe.FileDescriptor),
        PipeStream pipe => PacedPipeStream.Over(pipe, (int)pipe.SafePipeHandle.DangerousGetHandle()),
        var other => other,
    };

    /// <summary>Whether this git was started with posix_spawn rather than System.Diagnostics.Process.</summary>
    internal bool IsSpawned => _child is SpawnedProcess;

    public static GitProcess Start(string? workingDirectory, IEnumerable<string> arguments)
    {
        // -C instead of a working directory: posix_spawn has no portable chdir, and git reads it the same way.
        List<string> argv = workingDirectory is null ? ["git"] : ["git", "-C", workingDirectory];
        argv.AddRange(IsolatingConfig);
        argv.AddRange(arguments);
        try
        {
            return new GitProcess(StartChild(argv));
        }
        catch (Exception e) when (e is Win32Exception or FileNotFoundException)
        {
            throw new GitException($"git was not found on PATH ({e.Message}); install git {MinimumVersion} or newer (e.g. `apt-get install git`) and try again");
        }
        catch (IOException e)
        {
            throw new GitException($"could not start git: {e.Message}");
        }
    }

    private static IChildProcess StartChild(List<string> argv)
    {
        if (SpawnedProcess.IsSupported)
        {
            try { return SpawnedProcess.Start(argv, EnvironmentChanges); }
            // A kernel or sandbox refusing memfd_create or the spawn itself: .NET's Process may still work there.
            catch (IOException e) when (e is not FileNotFoundException) { }
        }
        return ManagedProcess.Start(argv, EnvironmentChanges);
    }

    /// <summary>The oldest git whose options HookGuard uses (`git log --remerge-diff` came in 2.36).</summary>
    public const string MinimumVersion = "2.36";

    /// <summary>Waits for git to end; throws with git's own message when it failed.</summary>
    public void EnsureSuccess(string what)
    {
        var exitCode = _child.WaitForExit();
        if (exitCode == 0) return;
        var error = _child.ErrorText.Trim();
        // An option git does not know means an old git: say which version is needed, not just that it failed.
        var tooOld = error.Contains("unknown option", StringComparison.OrdinalIgnoreCase) || error.Contains("unrecognized argument", StringComparison.OrdinalIgnoreCase)
            ? $" HookGuard needs git {MinimumVersion} or newer; this is {Capture(null, "--version")?.Trim() ?? "an unknown version"}."
            : "";
        throw new GitException($"{what} failed (git exit {exitCode}): {error}{tooOld}");
    }

    public int WaitForExit() => _child.WaitForExit();

    public string ErrorText => _child.ErrorText;

    /// <summary>Runs git to completion and returns its standard output; null when git exits non-zero.</summary>
    public static string? Capture(string? workingDirectory, params string[] arguments) =>
        CaptureBytes(workingDirectory, arguments) is { } output ? Encoding.UTF8.GetString(output) : null;

    /// <summary>Runs git to completion and returns its standard output as bytes; null when git exits non-zero.</summary>
    public static byte[]? CaptureBytes(string? workingDirectory, params string[] arguments)
    {
        using var git = Start(workingDirectory, arguments);
        using var output = new MemoryStream();
        git.Output.CopyTo(output);
        return git.WaitForExit() == 0 ? output.ToArray() : null;
    }

    public void Dispose()
    {
        _output?.Dispose();
        _child.Dispose();
    }
}
