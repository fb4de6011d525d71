using System.Diagnostics;

namespace Regional.Integration.Tests.Support;

/// <summary>Polls until a condition holds or a deadline passes; returns the last answer and how long it took,
/// so the test asserts on the answer (a timeout shows up as a wrong answer, not as a hang).</summary>
internal static class Eventually
{
    public static async Task<(T Last, TimeSpan Elapsed)> UntilAsync<T>(Func<Task<T>> call, Func<T, bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await call();
            if (done(result) || clock.Elapsed > within)
            {
                return (result, clock.Elapsed);
            }
            await Task.Delay(20);
        }
    }
}
