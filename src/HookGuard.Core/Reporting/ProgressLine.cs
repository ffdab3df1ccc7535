using System.Diagnostics;
using HookGuard.Findings;

namespace HookGuard.Reporting;

/// <summary>
/// One self-rewriting line on a terminal's stderr while a history is scanned: commits done of the
/// total, and throughput. Read from the scan's counters by a timer, so the scan itself pays nothing.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly ScanStats _stats;
    private readonly int? _total;
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _width;

    public ProgressLine(ScanStats stats, int? total, TextWriter output, TimeSpan interval)
    {
        _stats = stats;
        _total = total;
        _output = output;
        _timer = new Timer(_ => Draw(), null, interval, interval);
    }

    /// <summary>The line as it reads now, e.g. `hookguard: 1,234/10,000 commits (12%), 3.1 MB at 12.4 MB/s`.</summary>
    public string Text()
    {
        var commits = _stats.Commits;
        var megabytes = _stats.Bytes / 1e6;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var done = _total is > 0 ? $"{commits:N0}/{_total:N0} commits ({100.0 * commits / _total.Value:0}%)" : $"{commits:N0} commits";
        return $"hookguard: {done}, {megabytes:0.0} MB at {megabytes / seconds:0.0} MB/s";
    }

    private void Draw()
    {
        var text = Text();
        lock (_output)
        {
            _output.Write("\r" + text.PadRight(_width));
            _output.Flush();
            _width = text.Length;
        }
    }

    /// <summary>Stops the timer and wipes the line, so the report starts on a clean line.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_output)
        {
            if (_width > 0) _output.Write("\r" + new string(' ', _width) + "\r");
            _output.Flush();
        }
    }
}
