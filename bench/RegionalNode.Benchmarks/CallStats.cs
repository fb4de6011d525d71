using System.Diagnostics;
using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>
/// Latencies (Stopwatch ticks) of the calls of one kind that succeeded, and counts of those that failed
/// by label (the gRPC status code, or what was wrong with the answer). Thread-safe. Percentiles are exact:
/// every latency is kept and sorted once (no histogram buckets, so p99.9 and max are the real ones).
/// </summary>
internal sealed class CallStats
{
    private readonly Lock _lock = new();
    private readonly List<long> _latencies = new(1 << 14);
    private readonly SortedDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long[]? _sorted;

    public void Success(long ticks)
    {
        lock (_lock)
        {
            _latencies.Add(ticks);
            _sorted = null;
        }
    }

    public void Failure(string label)
    {
        lock (_lock)
        {
            _errors[label] = _errors.GetValueOrDefault(label) + 1;
        }
    }

    public long Successes
    {
        get
        {
            lock (_lock)
            {
                return _latencies.Count;
            }
        }
    }

    public long Errors
    {
        get
        {
            lock (_lock)
            {
                return _errors.Values.Sum();
            }
        }
    }

    /// <summary>"none", or "ResourceExhausted 12, Unavailable 3".</summary>
    public string ErrorSummary()
    {
        lock (_lock)
        {
            return _errors.Count == 0 ? "none" : string.Join(", ", _errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:N0}")));
        }
    }

    /// <summary>The latency at a quantile (0.5, 0.99, 0.999, 1 for the max), in milliseconds: nearest rank.</summary>
    public double Percentile(double quantile)
    {
        lock (_lock)
        {
            if (_latencies.Count == 0)
            {
                return double.NaN;
            }
            if (_sorted is null)
            {
                _sorted = [.. _latencies];
                Array.Sort(_sorted);
            }
            var rank = (int)Math.Ceiling(quantile * _sorted.Length) - 1;
            return _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        }
    }

    /// <summary>All of several kinds together.</summary>
    public static CallStats Merge(IEnumerable<CallStats> parts)
    {
        var all = new CallStats();
        foreach (var part in parts)
        {
            lock (part._lock)
            {
                all._latencies.AddRange(part._latencies);
                foreach (var (label, count) in part._errors)
                {
                    all._errors[label] = all._errors.GetValueOrDefault(label) + count;
                }
            }
        }
        return all;
    }
}
