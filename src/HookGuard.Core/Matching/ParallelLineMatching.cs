using System.Buffers;
using System.Collections.Concurrent;
using HookGuard.Findings;

namespace HookGuard.Matching;

/// <summary>
/// For history-sized input: the patch reader fills batches of lines while matcher threads work on
/// earlier ones. Batches are bounded in number (memory stays flat whatever the history size) and
/// their findings are put back in input order, so "first introduced in" stays the oldest commit.
/// </summary>
internal sealed class ParallelLineMatching : ILineMatching
{
    private const int BatchBytes = 1 << 20;

    private sealed class Batch
    {
        public byte[] Bytes = ArrayPool<byte>.Shared.Rent(BatchBytes);
        public int Used;
        public readonly List<(LineRef Line, int Offset, int Length)> Lines = [];
        public readonly List<Finding> Findings = [];
        public readonly List<SkippedFile> Skipped = [];
        public int Sequence;
    }

    private readonly BlockingCollection<Batch> _queue;
    private readonly Task[] _workers;
    // A failed worker stops the reader too: with the queue bounded, it would otherwise wait forever.
    private readonly CancellationTokenSource _failed = new();
    private readonly ConcurrentBag<Batch> _done = [];
    private Batch _current = new();
    private int _sequence;

    public ParallelLineMatching(IReadOnlyList<HookGuard.Rules.Rule> rules, int threads, Generic.GenericScoring? scoring = null)
    {
        _queue = new BlockingCollection<Batch>(boundedCapacity: threads * 2);
        _workers = [.. Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() => Work(new Matcher(rules, scoring)), TaskCreationOptions.LongRunning))];
    }

    public void Line(in LineRef line, ReadOnlySpan<byte> content)
    {
        if (_current.Used + content.Length > _current.Bytes.Length && _current.Lines.Count > 0) Flush(carryLastLine: true);
        if (_current.Used + content.Length > _current.Bytes.Length)
        {
            // A line longer than a batch, or one that does not fit after the lines carried over.
            var larger = ArrayPool<byte>.Shared.Rent(_current.Used + content.Length);
            _current.Bytes.AsSpan(0, _current.Used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_current.Bytes);
            _current.Bytes = larger;
        }
        content.CopyTo(_current.Bytes.AsSpan(_current.Used));
        _current.Lines.Add((line, _current.Used, content.Length));
        _current.Used += content.Length;
    }

    public (List<Finding> Findings, List<SkippedFile> Skipped) Complete()
    {
        Flush(carryLastLine: false);
        _queue.CompleteAdding();
        Task.WaitAll(_workers); // rethrows a worker's failure
        var ordered = _done.OrderBy(b => b.Sequence).ToList();
        var result = (ordered.SelectMany(b => b.Findings).ToList(), ordered.SelectMany(b => b.Skipped).ToList());
        foreach (var batch in ordered) ArrayPool<byte>.Shared.Return(batch.Bytes);
        return result;
    }

    /// <summary>
    /// Hands the batch over; the next one starts with its last line as context (the line above). A PEM
    /// block still open at the end of the batch moves to the next one whole, so its header's finding
    /// reads the key body on the same worker.
    /// </summary>
    private void Flush(bool carryLastLine)
    {
        if (_current.Lines.Count == 0) return;
        var full = _current;
        full.Sequence = _sequence++;
        _current = new Batch();
        if (carryLastLine)
        {
            var moveFrom = OpenPemBlockStart(full);
            var carryFrom = Math.Max(0, moveFrom - 1);
            for (var i = carryFrom; i < full.Lines.Count; i++)
            {
                var (line, offset, length) = full.Lines[i];
                if (_current.Used + length > _current.Bytes.Length) break;
                full.Bytes.AsSpan(offset, length).CopyTo(_current.Bytes.AsSpan(_current.Used));
                _current.Lines.Add((i < moveFrom ? line with { Carried = true } : line, _current.Used, length));
                _current.Used += length;
            }
            if (moveFrom < full.Lines.Count) full.Lines.RemoveRange(moveFrom, full.Lines.Count - moveFrom);
        }
        try
        {
            _queue.Add(full, _failed.Token);
        }
        catch (OperationCanceledException)
        {
            Task.WaitAll(_workers); // surfaces the worker's exception instead of the cancellation
            throw;
        }
    }

    /// <summary>
    /// Where a PEM private key header at the end of the batch starts, when only body lines follow it; else
    /// the batch's line count (nothing to move). Only a few short lines are looked at.
    /// </summary>
    private static int OpenPemBlockStart(Batch batch)
    {
        var lines = batch.Lines;
        for (var i = lines.Count - 1; i >= 0 && i >= lines.Count - PrivateKeyMaterial.MaxBodyLines; i--)
        {
            var (line, offset, length) = lines[i];
            var bytes = batch.Bytes.AsSpan(offset, length);
            if (bytes.IndexOf("-----BEGIN "u8) >= 0 && bytes.IndexOf("PRIVATE KEY-----"u8) >= 0)
                return i > 0 || lines.Count > 1 ? i : lines.Count;
            if (i < lines.Count - 1 && !ReferenceEquals(line.Path, lines[i + 1].Line.Path)) break;
            if (length > 128 || bytes.IndexOf("-----END"u8) >= 0) break;
        }
        return lines.Count;
    }

    private void Work(Matcher matcher)
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable(_failed.Token))
            {
                using var worker = new LineMatchWorker(matcher);
                foreach (var (line, offset, length) in batch.Lines)
                    worker.Match(line, batch.Bytes.AsSpan(offset, length), batch.Findings, batch.Skipped);
                worker.Finish();
                _done.Add(batch);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failed.Cancel();
            throw;
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        try { Task.WaitAll(_workers); }
        catch (AggregateException) { /* the failure was reported by Complete */ }
        _queue.Dispose();
        _failed.Dispose();
    }
}

/// <summary>Runs the matcher over lines as they come, on this thread.</summary>
internal sealed class InlineLineMatching(Matcher matcher) : ILineMatching
{
    private readonly LineMatchWorker _worker = new(matcher);
    private readonly List<Finding> _findings = [];
    private readonly List<SkippedFile> _skipped = [];

    public void Line(in LineRef line, ReadOnlySpan<byte> content) => _worker.Match(line, content, _findings, _skipped);

    public (List<Finding> Findings, List<SkippedFile> Skipped) Complete()
    {
        _worker.Finish();
        return (_findings, _skipped);
    }

    public void Dispose() => _worker.Dispose();
}

/// <summary>Where LineScanner sends the lines it accepted: matched on this thread, or on worker threads.</summary>
internal interface ILineMatching : IDisposable
{
    void Line(in LineRef line, ReadOnlySpan<byte> content);

    (List<Finding> Findings, List<SkippedFile> Skipped) Complete();
}
