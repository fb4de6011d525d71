using Regional.Node.Benchmarks;

// Load tool for one regional node, started as a separate process on 127.0.0.1 (see NodeProcess):
//   issue   --seconds 20 --concurrency 64        IssueLicense throughput vs raw batched SQLite inserts
//   import  --count 100000                        ImportLicenses over one call vs raw SQLite inserts of the same rows
//   verify  --seconds 20 --concurrency 32        VerifyLicense (status, disclosed) vs Health/Check
//   million --count 1000000 --concurrency 1024   issue a big log, then RSS, file size, proof latency
// Federation (three node processes bj, tj, he with a development CA, mTLS and a trust file):
//   catchup --count 1000000 --concurrency 1024   an empty tj follows bj's log: entries/s vs raw SQLite
//   latency --rate 200 --seconds 30              issued in bj until VALID on tj, p50 and p99
//   load --duration 60 --rate 300 | --find-max   open-loop mix of verify/issue/revoke on all three nodes
// One node driven beyond its capacity:
//   overload --seconds 20                         refusals (RESOURCE_EXHAUSTED) and VmRSS under floods
// Common: --node <Regional.Node.dll> (default: the Release build of this repository),
//         --max-block-entries N (passed to the node as --Node:...),
//         --postgres CONNECTION: nodes on PostgreSQL (a database each on that server) and the floor there too
//         (issue, verify, catchup).
var arguments = new Arguments(args);
var command = args.Length > 0 ? args[0] : "";
try
{
    Console.WriteLine($"# {string.Join(' ', args)}");
    Console.WriteLine($"# machine: {Machine.Describe()}");
    await (command switch
    {
        "issue" => IssueBenchmark.RunAsync(arguments),
        "import" => ImportBenchmark.RunAsync(arguments),
        "verify" => VerifyBenchmark.RunAsync(arguments),
        "million" => MillionBenchmark.RunAsync(arguments),
        "catchup" => CatchUpBenchmark.RunAsync(arguments),
        "latency" => LatencyBenchmark.RunAsync(arguments),
        "verify-scale" => VerifyScaleBenchmark.RunAsync(arguments),
        "load" => MixedLoadBenchmark.RunAsync(arguments),
        "overload" => OverloadBenchmark.RunAsync(arguments),
        _ => Usage(),
    });
    Console.WriteLine($"# load at end: {Machine.LoadAverage()}");
    return command is "issue" or "import" or "verify" or "million" or "catchup" or "latency" or "verify-scale" or "load" or "overload" ? 0 : 2;
}
catch (BenchmarkException ex)
{
    await Console.Error.WriteLineAsync($"regional-node-bench: {ex.Message}");
    return 1;
}

static Task Usage()
{
    Console.Error.WriteLine("usage: Regional.Node.Benchmarks issue|import|verify|million|catchup|latency|verify-scale|load|overload [--seconds N] [--concurrency N] [--count N] [--max-minutes N] [--rate N] [--duration N] [--find-max]");
    return Task.CompletedTask;
}
