using System.Diagnostics;
using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>The outcome of one load run: successful calls, errors, wall time, and latencies in
/// Stopwatch ticks (sorted here once, so percentiles are exact, no histogram buckets).</summary>
internal sealed class LoadResult
{
    private readonly long[] _sorted;

    public LoadResult(string name, int concurrency, long calls, long errors, TimeSpan elapsed, long[] latencies, string? firstError,
        (TimeSpan Node, TimeSpan Client) cpu)
    {
        Cpu = cpu;
        Name = name;
        Concurrency = concurrency;
        Calls = calls;
        Errors = errors;
        Elapsed = elapsed;
        FirstError = firstError;
        _sorted = latencies;
        Array.Sort(_sorted);
    }

    public string Name { get; }

    public int Concurrency { get; }

    public long Calls { get; }

    public long Errors { get; }

    public TimeSpan Elapsed { get; }

    public string? FirstError { get; }

    /// <summary>CPU time used during the run by the node process and by the load tool.</summary>
    public (TimeSpan Node, TimeSpan Client) Cpu { get; }

    /// <summary>Successful calls per second of wall time.</summary>
    public double Rate => Calls / Elapsed.TotalSeconds;

    /// <summary>The latency at a quantile (0.5, 0.99), in milliseconds: the nearest-rank method.</summary>
    public double Percentile(double quantile)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(quantile * _sorted.Length) - 1;
        return _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>Throws when any call failed: figures of a run with errors are not reported as valid.</summary>
    public LoadResult RequireNoErrors() => Errors == 0 ? this
        : throw new BenchmarkException($"{Name}: {Errors} of {Calls + Errors} calls failed; first: {FirstError}");

    public static string Header =>
        "| Run | Concurrency | Calls | Seconds | Calls/s | p50 ms | p99 ms | Node CPU us/call | Tool CPU us/call |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Concurrency} | {Calls:N0} | {Elapsed.TotalSeconds:F1} | {Rate:N0} | {Percentile(0.5):F2} | {Percentile(0.99):F2} | {PerCall(Cpu.Node):F0} | {PerCall(Cpu.Client):F0} |");

    private double PerCall(TimeSpan cpu) => Calls == 0 ? double.NaN : cpu.TotalMicroseconds / Calls;
}
