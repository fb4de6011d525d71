namespace Regional.Cli.Tests.Support;

/// <summary>The one polling helper of the CLI tests: replication between regions takes a few hundred ms.</summary>
internal static class Eventually
{
    /// <summary>Runs until the condition holds or <paramref name="within"/> (default 15 s) passes; returns the last result.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> run, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        var result = await run();
        while (!done(result) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            result = await run();
        }
        return result;
    }
}
