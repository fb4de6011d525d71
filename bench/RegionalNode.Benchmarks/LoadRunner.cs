using System.Diagnostics;
using Grpc.Core;

namespace Regional.Node.Benchmarks;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each call, wait for the answer, record its latency
/// and call again, until the duration is over or <c>maxCalls</c> calls were started. A call that
/// throws an RpcException or returns false counts as an error, not as a latency. The CPU time
/// used by the node process and by this tool during the run is measured too.
/// </summary>
internal static class LoadRunner
{
    /// <param name="call">One call; gets a per-worker Random; returns whether the answer was right.</param>
    /// <param name="progress">Called about every 30 s with the calls done so far.</param>
    public static async Task<LoadResult> RunAsync(NodeProcess node, string name, int concurrency, TimeSpan duration, long maxCalls,
        Func<Random, Task<bool>> call, Action<long, TimeSpan>? progress = null)
    {
        long started = 0, done = 0, errors = 0;
        var (nodeCpu, clientCpu) = (node.CpuTime, Process.GetCurrentProcess().TotalProcessorTime);
        var clock = Stopwatch.StartNew();
        var latencies = new List<long>[concurrency];
        string? firstError = null;

        async Task Worker(int index)
        {
            var mine = latencies[index] = new List<long>(4096);
            var random = new Random(index * 7919 + 17);
            while (clock.Elapsed < duration && Interlocked.Increment(ref started) <= maxCalls)
            {
                var begin = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(random);
                }
                catch (RpcException ex)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstError, $"{ex.StatusCode}: {ex.Status.Detail}", null);
                }
                if (ok)
                {
                    mine.Add(Stopwatch.GetTimestamp() - begin);
                    Interlocked.Increment(ref done);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        using var stop = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : Report(progress, () => Interlocked.Read(ref done), clock, stop.Token);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Worker(i))));
        var elapsed = clock.Elapsed;
        var cpu = (Node: node.CpuTime - nodeCpu, Client: Process.GetCurrentProcess().TotalProcessorTime - clientCpu);
        await stop.CancelAsync();
        await reporter;
        return new LoadResult(name, concurrency, done, errors, elapsed, [.. latencies.SelectMany(l => l)], firstError, cpu);
    }

    private static async Task Report(Action<long, TimeSpan> progress, Func<long> done, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stop);
                progress(done(), clock.Elapsed);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
