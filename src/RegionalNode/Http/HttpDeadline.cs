using System.Globalization;
using Regional.Node.Errors;

namespace Regional.Node.Http;

/// <summary>
/// A deadline for an HTTP/JSON call. gRPC carries one in its <c>grpc-timeout</c> header and grpc-dotnet
/// enforces it; the JSON transcoder ignores it (its calls have no deadline). An HTTP caller sends the same
/// header with the same syntax (digits and a unit: <c>H</c>, <c>M</c>, <c>S</c>, <c>m</c>, <c>u</c>,
/// <c>n</c>, e.g. <c>grpc-timeout: 5S</c>); the call is cancelled when it passes and answered
/// DEADLINE_EXCEEDED (504), as over gRPC.
/// </summary>
internal static class HttpDeadline
{
    public const string Header = "grpc-timeout";

    /// <summary>The timeout a <c>grpc-timeout</c> value names, or null when it is not one: at most 8 digits
    /// and one unit, as the gRPC protocol has it.</summary>
    public static TimeSpan? Parse(string value)
    {
        if (value.Length is < 2 or > 9 || !value[..^1].All(char.IsAsciiDigit))
        {
            return null;
        }
        var amount = long.Parse(value[..^1], CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>Cancels the call's <see cref="HttpContext.RequestAborted"/> when <paramref name="timeout"/>
    /// passes, and marks the call (<see cref="CallDeadline"/>) so its cancellation is answered
    /// DEADLINE_EXCEEDED. Dispose after the call.</summary>
    public static IDisposable Start(HttpContext context, TimeSpan timeout)
    {
        var callerGone = context.RequestAborted;
        var deadline = new CallDeadline();
        // Set before the timer starts, read by the call's thread: the timer's thread only flips the flag.
        context.Items[CallDeadline.Key] = deadline;
        var expiry = CancellationTokenSource.CreateLinkedTokenSource(callerGone);
        var registration = expiry.Token.Register(() => deadline.Passed = !callerGone.IsCancellationRequested);
        context.RequestAborted = expiry.Token;
        expiry.CancelAfter(timeout);
        return new Expiry(expiry, registration);
    }

    private sealed class Expiry(CancellationTokenSource source, CancellationTokenRegistration registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            source.Dispose();
        }
    }
}
