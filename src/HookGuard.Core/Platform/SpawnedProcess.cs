using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HookGuard.Platform;

/// <summary>
/// A child started with posix_spawn on Linux: standard output into a pipe, standard error into an
/// in-memory file read once it has ended (no reader thread, and no deadlock however much it writes).
/// System.Diagnostics.Process costs a short-lived hook a thread per redirected stream, the SIGCHLD
/// machinery and hundreds of page faults. Here the parent starts nothing and reaps its own child.
/// </summary>
internal sealed partial class SpawnedProcess : IChildProcess
{
    private const int O_CLOEXEC = 0x80000;
    private const uint MFD_CLOEXEC = 1;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int EINTR = 4, ENOENT = 2, SIGKILL = 9;

    private readonly int _errorFile;
    private int? _exitCode;

    private SpawnedProcess(int pid, int outputPipe, int errorFile)
    {
        Pid = pid;
        Output = new FileDescriptorStream(outputPipe);
        _errorFile = errorFile;
    }

    public static bool IsSupported => OperatingSystem.IsLinux();

    public int Pid { get; }

    public FileDescriptorStream Output { get; }

    Stream IChildProcess.Output => Output;

    /// <summary>Starts <paramref name="argv"/>[0] found on PATH, with this environment changed as given (null: removed).</summary>
    public static unsafe SpawnedProcess Start(IReadOnlyList<string> argv, IReadOnlyList<(string Name, string? Value)> changes)
    {
        var errorFile = MemfdCreate("hookguard-child-stderr", MFD_CLOEXEC);
        if (errorFile < 0) throw new IOException($"memfd_create failed (errno {Marshal.GetLastPInvokeError()})");
        var pipe = stackalloc int[2];
        if (Pipe2(pipe, O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Close(errorFile);
            throw new IOException($"pipe2 failed (errno {errno})");
        }
        try
        {
            return new SpawnedProcess(Spawn(argv, changes, output: pipe[1], error: errorFile), pipe[0], errorFile);
        }
        catch
        {
            _ = Close(pipe[0]);
            _ = Close(errorFile);
            throw;
        }
        finally
        {
            // The child has its own copy, or there is no child: either way the writing end is done here.
            _ = Close(pipe[1]);
        }
    }

    private static unsafe int Spawn(IReadOnlyList<string> argv, IReadOnlyList<(string Name, string? Value)> changes, int output, int error)
    {
        // posix_spawn's opaque structures (glibc: 80 and 336 bytes) and a sigset_t (128), generously sized.
        var actions = stackalloc ulong[64];
        var attributes = stackalloc ulong[128];
        var signals = stackalloc ulong[32];
        var strings = NativeStrings.Of(argv, ChildEnvironment(changes));
        Check(FileActionsInit(actions), "posix_spawn_file_actions_init");
        Check(SpawnAttrInit(attributes), "posix_spawnattr_init");
        try
        {
            Check(FileActionsAddDup2(actions, output, 1), "posix_spawn_file_actions_adddup2");
            Check(FileActionsAddDup2(actions, error, 2), "posix_spawn_file_actions_adddup2");
            // .NET ignores SIGPIPE, and an ignored signal survives exec: git must die of a closed pipe as usual.
            Check(SigFillSet(signals), "sigfillset");
            Check(SpawnAttrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Check(SigEmptySet(signals), "sigemptyset");
            Check(SpawnAttrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");
            Check(SpawnAttrSetFlags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
            int pid;
            int result;
            fixed (byte* block = strings.Bytes)
            fixed (nint* pointers = strings.Pointers)
            {
                strings.Resolve(block, pointers);
                result = PosixSpawnP(&pid, (byte*)pointers[0], actions, attributes, pointers, pointers + strings.EnvironmentStart);
            }
            if (result == ENOENT) throw new FileNotFoundException($"{argv[0]} was not found on PATH");
            Check(result, $"posix_spawnp of {argv[0]}");
            return pid;
        }
        finally
        {
            _ = FileActionsDestroy(actions);
            _ = SpawnAttrDestroy(attributes);
        }
    }

    /// <summary>posix_spawn calls return the error number; the sigset calls -1 with errno set.</summary>
    private static void Check(int result, string call)
    {
        if (result != 0) throw new IOException($"{call} failed (error {(result > 0 ? result : Marshal.GetLastPInvokeError())})");
    }

    /// <summary>The exit code, or 128 + the signal that ended the child (as a shell reports it).</summary>
    public int WaitForExit()
    {
        if (_exitCode is { } known) return known;
        int status;
        while (WaitPid(Pid, out status, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new IOException($"waitpid({Pid}) failed (errno {errno})");
        }
        var signal = status & 0x7f;
        _exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        return _exitCode.Value;
    }

    /// <summary>What the child wrote to standard error so far (all of it, once it has ended).</summary>
    public string ErrorText
    {
        get
        {
            using var file = new SafeFileHandle(_errorFile, ownsHandle: false);
            var bytes = new byte[RandomAccess.GetLength(file)];
            var at = 0;
            while (at < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(at), at) is var read and > 0) at += read;
            return Encoding.UTF8.GetString(bytes);
        }
    }

    public void Dispose()
    {
        Output.Dispose();
        if (_exitCode is null)
        {
            // Ended early (an error while reading): the child may be blocked on the pipe.
            _ = Kill(Pid, SIGKILL);
            WaitForExit();
        }
        _ = Close(_errorFile);
    }

    private static List<string> ChildEnvironment(IReadOnlyList<(string Name, string? Value)> changes)
    {
        var variables = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            var changed = false;
            foreach (var change in changes) changed |= change.Name == name;
            if (!changed) variables.Add($"{name}={entry.Value}");
        }
        foreach (var (name, value) in changes)
            if (value is not null) variables.Add($"{name}={value}");
        return variables;
    }

    /// <summary>argv and envp for posix_spawn: NUL-terminated UTF-8 strings in one block, and two NULL-terminated pointer arrays.</summary>
    private sealed class NativeStrings
    {
        private readonly int[] _offsets;

        private NativeStrings(byte[] bytes, int[] offsets, nint[] pointers, int environmentStart) =>
            (Bytes, _offsets, Pointers, EnvironmentStart) = (bytes, offsets, pointers, environmentStart);

        public byte[] Bytes { get; }
        public nint[] Pointers { get; }
        public int EnvironmentStart { get; }

        public static NativeStrings Of(IReadOnlyList<string> argv, List<string> environment)
        {
            var all = new List<string>(argv.Count + environment.Count);
            all.AddRange(argv);
            all.AddRange(environment);
            var offsets = new int[all.Count];
            var size = 0;
            for (var i = 0; i < all.Count; i++)
            {
                offsets[i] = size;
                size += Encoding.UTF8.GetByteCount(all[i]) + 1;
            }
            var bytes = new byte[size];
            for (var i = 0; i < all.Count; i++) Encoding.UTF8.GetBytes(all[i], bytes.AsSpan(offsets[i]));
            // argv, NULL, envp, NULL.
            return new NativeStrings(bytes, offsets, new nint[all.Count + 2], argv.Count + 1);
        }

        /// <summary>Fills the pointer arrays, for the block pinned at <paramref name="block"/>.</summary>
        public unsafe void Resolve(byte* block, nint* pointers)
        {
            var argc = EnvironmentStart - 1;
            for (var i = 0; i < _offsets.Length; i++)
                pointers[i < argc ? i : i + 1] = (nint)(block + _offsets[i]);
            pointers[argc] = 0;
            pointers[Pointers.Length - 1] = 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2(int* fileDescriptors, int flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnp")]
    private static unsafe partial int PosixSpawnP(int* pid, byte* file, void* actions, void* attributes, nint* argv, nint* envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static unsafe partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static unsafe partial int FileActionsAddDup2(void* actions, int fileDescriptor, int newFileDescriptor);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static unsafe partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static unsafe partial int SpawnAttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static unsafe partial int SpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static unsafe partial int SpawnAttrSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static unsafe partial int SpawnAttrSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static unsafe partial int SpawnAttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    private static unsafe partial int SigFillSet(void* signals);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    private static unsafe partial int SigEmptySet(void* signals);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int Close(int fileDescriptor);
}
