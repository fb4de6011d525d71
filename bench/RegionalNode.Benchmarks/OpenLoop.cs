using System.Diagnostics;
using Grpc.Core;

namespace Regional.Node.Benchmarks;

/// <summary>What one open-loop run did: per operation, and the schedule it kept.</summary>
internal sealed record OpenLoopResult(double Rate, TimeSpan Duration, IReadOnlyDictionary<Operation, CallStats> ByOperation,
    TimeSpan Elapsed, double SentRate)
{
    public CallStats Total { get; } = CallStats.Merge(ByOperation.Values);

    /// <summary>Successful calls per second, from the first arrival until the last answer.</summary>
    public double Throughput(CallStats stats) => stats.Successes / Elapsed.TotalSeconds;
}

/// <summary>
/// Open-loop load: calls arrive on a fixed schedule, i = 0, 1, ... at start + i / rate, whatever the
/// answers do, and each call's latency is measured from its scheduled arrival, not from when it was
/// sent. So a stalled node (or a stalled generator) shows up as latency of every call that should have
/// arrived meanwhile, not as fewer calls (no coordinated omission). The operation of each arrival is
/// drawn from the mix with a fixed seed. A call refused by the generator itself because too many are in
/// flight counts as the error "ClientOverload".
/// </summary>
internal static class OpenLoop
{
    /// <param name="call">One call of an operation; returns null when the answer was right, else what was wrong.</param>
    public static async Task<OpenLoopResult> RunAsync(double rate, TimeSpan duration, LoadMix mix, int maxInFlight,
        Func<Operation, Task<string?>> call)
    {
        var stats = LoadMix.Operations.ToDictionary(o => o, _ => new CallStats());
        var random = new Random(20240601);
        var total = (long)(rate * duration.TotalSeconds);
        var calls = new List<Task>((int)Math.Min(total, int.MaxValue));
        var inFlight = 0;
        var start = Stopwatch.GetTimestamp();

        async Task One(Operation operation, long due)
        {
            string? error;
            try
            {
                error = await call(operation);
            }
            catch (RpcException ex)
            {
                error = ex.StatusCode.ToString();
            }
            var ticks = Stopwatch.GetTimestamp() - due;
            Interlocked.Decrement(ref inFlight);
            if (error is null)
            {
                stats[operation].Success(ticks);
            }
            else
            {
                stats[operation].Failure(error);
            }
        }

        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            if (due > Stopwatch.GetTimestamp())
            {
                await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));
            }
            var operation = mix.Pick(random);
            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                stats[operation].Failure("ClientOverload");
                continue;
            }
            calls.Add(Task.Run(() => One(operation, due)));
        }
        var sending = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(calls);
        return new OpenLoopResult(rate, duration, stats, Stopwatch.GetElapsedTime(start), total / sending.TotalSeconds);
    }
}
