using System.Diagnostics;
using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>Samples a process's VmRSS every 500 ms, each sample tagged with the phase the run was in.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private readonly List<(double Seconds, string Phase, double Rss)> _samples = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private volatile string _phase = "idle";

    public RssSampler(int pid)
    {
        _sampling = SampleAsync(pid, Stopwatch.StartNew());
    }

    /// <summary>Tags the samples from now on.</summary>
    public string Phase
    {
        set => _phase = value;
    }

    /// <summary>Largest and last VmRSS (MiB) sampled during a phase.</summary>
    public (double Max, double Last) Of(string phase)
    {
        lock (_lock)
        {
            var rss = _samples.Where(s => s.Phase == phase).Select(s => s.Rss).ToList();
            return rss.Count == 0 ? (double.NaN, double.NaN) : (rss.Max(), rss[^1]);
        }
    }

    /// <summary>One sample in four (every 2 s): "12.0 s verify-flood 231 MiB" per line.</summary>
    public IEnumerable<string> Series()
    {
        lock (_lock)
        {
            return [.. _samples.Where((_, i) => i % 4 == 3).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Seconds,6:F1} s  {s.Phase,-14} {s.Rss,6:F0} MiB"))];
        }
    }

    private async Task SampleAsync(int pid, Stopwatch clock)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var (rss, _) = Machine.Memory(pid);
                lock (_lock)
                {
                    _samples.Add((clock.Elapsed.TotalSeconds, _phase, rss));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
