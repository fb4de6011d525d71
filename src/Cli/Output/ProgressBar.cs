using System.Diagnostics;

namespace Regional.Cli.Output;

/// <summary>A one-line progress bar redrawn in place on a terminal's stderr, at most ten times a second;
/// silent when stderr is not a terminal. Thread-safe.</summary>
internal sealed class ProgressBar(TextWriter error, bool enabled, string label, int total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _lastDrawn = -1000;

    public void Report(int done, int failed)
    {
        lock (_lock)
        {
            if (enabled && _clock.ElapsedMilliseconds - _lastDrawn >= 100)
            {
                _lastDrawn = _clock.ElapsedMilliseconds;
                var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
                var bar = new string('#', (int)(30L * (done + failed) / Math.Max(1, total))).PadRight(30, '.');
                error.Write($"\r{label} [{bar}] {done + failed}/{total}, {failed} rejected, {rate:0}/s ");
            }
        }
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Finish()
    {
        if (enabled)
        {
            lock (_lock)
            {
                error.Write("\r" + new string(' ', 80) + "\r");
            }
        }
    }
}
