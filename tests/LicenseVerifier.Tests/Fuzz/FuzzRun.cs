using System.Diagnostics;
using System.Globalization;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>
/// The shared loop of the fuzz tests: a seeded run of <see cref="Cases"/> cases (2,000 by default,
/// REGIONAL_FUZZ_CASES for a long run, REGIONAL_FUZZ_SEED to replay another seed), each case run on a
/// worker with a time bound and its allocations measured, so a hang or an unbounded allocation fails
/// the case it happened in rather than the whole run.
/// </summary>
internal static class FuzzRun
{
    /// <summary>The time one case may take; generous, since the machine is shared.</summary>
    public static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(10);

    public static int Cases => Read("REGIONAL_FUZZ_CASES", 2_000);

    public static int Seed => Read("REGIONAL_FUZZ_SEED", 20261122);

    /// <summary>Runs check(input) for each case, failing on any exception, a case over
    /// <see cref="CaseBound"/>, or more than 64 bytes allocated per input byte plus 1 MB.</summary>
    /// <returns>How many cases each outcome had, for the test output.</returns>
    public static Dictionary<string, int> Run<T>(string what, Func<Random, int, T> input, Func<T, long> size, Func<T, string> check)
    {
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Cases; i++)
        {
            var random = new Random(Seed + i);
            var value = input(random, i);
            var context = $"{what}: seed {Seed} + case {i} (REGIONAL_FUZZ_SEED={Seed + i} REGIONAL_FUZZ_CASES=1 replays it)";
            var outcome = Bounded(context, () => check(value), 64 * size(value) + (1 << 20));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        TestContext.Out.WriteLine($"{what}: seed {Seed}, {Cases} cases in {clock.ElapsedMilliseconds} ms; "
            + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Take(12).Select(o => $"{o.Key} {o.Value}")));
        return outcomes;
    }

    /// <summary>Runs one case on a worker thread, bounded in time and allocation.</summary>
    public static string Bounded(string context, Func<string> check, long maxAllocated)
    {
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var outcome = check();
            return (outcome, allocated: GC.GetAllocatedBytesForCurrentThread() - before);
        });
        try
        {
            if (!task.Wait(CaseBound))
            {
                Assert.Fail($"{context}: still running after {CaseBound.TotalSeconds} s");
            }
        }
        catch (AggregateException ex)
        {
            Assert.Fail($"{context}: threw {ex.InnerException}");
        }
        Assert.That(task.Result.allocated, Is.LessThanOrEqualTo(maxAllocated), $"{context}: allocated {task.Result.allocated} bytes");
        return task.Result.outcome;
    }

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
