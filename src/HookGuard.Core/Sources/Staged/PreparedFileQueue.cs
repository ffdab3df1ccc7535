using System.Runtime.ExceptionServices;

namespace HookGuard.Sources.Staged;

/// <summary>
/// Files handed from the thread that reads them to the one that scans them, in order, the reader at
/// most <c>capacity</c> bytes ahead (it waits for room before reading a file, not after): memory stays
/// bounded whatever the size of the change. The reader ends it with <see cref="Complete"/>, saying
/// whether it gave up before the last file.
/// </summary>
internal sealed class PreparedFileQueue(long capacity)
{
    private readonly Queue<PreparedFile> _files = new();
    private long _bytes;
    private bool _completed;
    private bool _cancelled;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Whether the reader gave up on a file (git then produces it and the rest); valid once taking returned false.</summary>
    public bool GaveUp { get; private set; }

    /// <summary>
    /// Waits until a file of about this many bytes may be read: the queue has room for it, or is empty
    /// (a file larger than the whole capacity goes alone); false once the taker has gone.
    /// </summary>
    public bool WaitForRoom(long bytes)
    {
        lock (_files)
        {
            while (!_cancelled && _files.Count > 0 && _bytes + bytes > capacity) Monitor.Wait(_files);
            return !_cancelled;
        }
    }

    /// <summary>Queues a file read after <see cref="WaitForRoom"/>; false once the taker has gone.</summary>
    public bool TryAdd(PreparedFile file)
    {
        lock (_files)
        {
            if (_cancelled) return false;
            _files.Enqueue(file);
            _bytes += file.Bytes;
            Monitor.PulseAll(_files);
            return true;
        }
    }

    /// <summary>No more files: all were read, or the reader gave up (or failed, rethrown to the taker).</summary>
    public void Complete(bool gaveUp, Exception? failure = null)
    {
        lock (_files)
        {
            (_completed, GaveUp) = (true, gaveUp);
            _failure = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
            Monitor.PulseAll(_files);
        }
    }

    /// <summary>The next file in order, waiting for the reader; false when there are no more.</summary>
    public bool TryTake(out PreparedFile file)
    {
        lock (_files)
        {
            while (_files.Count == 0 && !_completed) Monitor.Wait(_files);
            if (_files.TryDequeue(out file!))
            {
                _bytes -= file.Bytes;
                Monitor.PulseAll(_files);
                return true;
            }
            _failure?.Throw();
            return false;
        }
    }

    /// <summary>The taker stops early: a waiting reader is released and stops too.</summary>
    public void Cancel()
    {
        lock (_files)
        {
            _cancelled = true;
            Monitor.PulseAll(_files);
        }
    }
}
