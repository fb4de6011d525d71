namespace Regional.Node.Tests.Support;

/// <summary>The one polling helper of the node tests: mirrors, witnesses and relays settle within milliseconds to seconds.</summary>
internal static class Eventually
{
    /// <summary>Calls until the condition holds or <paramref name="seconds"/> pass; returns the last result.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> call, Func<T, bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var result = await call();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }
            await Task.Delay(50);
        }
    }
}
