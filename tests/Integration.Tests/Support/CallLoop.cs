using Grpc.Core;

namespace Regional.Integration.Tests.Support;

/// <summary>What a <see cref="CallLoop"/> saw: the answers of the calls that returned, and why the others failed.</summary>
internal sealed record CallLoopResult<T>(IReadOnlyList<T> Answers, IReadOnlyList<string> Failures);

/// <summary>
/// Load for the reliability tests: <c>workers</c> loops that each make one call after another, every call
/// with its own deadline, until stopped. A call that fails (its deadline passed, or any other status) is
/// recorded and the loop goes on.
/// </summary>
internal static class CallLoop
{
    public static async Task<CallLoopResult<T>> RunAsync<T>(int workers, TimeSpan deadline, Func<DateTime, Task<T>> call, CancellationToken stop)
    {
        var answers = new List<T>();
        var failures = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await Task.Yield();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var answer = await call(DateTime.UtcNow.Add(deadline));
                    lock (answers)
                    {
                        answers.Add(answer);
                    }
                }
                catch (RpcException ex)
                {
                    lock (failures)
                    {
                        failures.Add($"{ex.StatusCode}: {ex.Status.Detail}");
                    }
                }
            }
        }));
        return new CallLoopResult<T>(answers, failures);
    }
}
