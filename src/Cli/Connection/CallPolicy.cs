using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Regional.Cli.Connection;

/// <summary>
/// Every call of a command: a deadline (--timeout, else 10 s for a read, 30 s for a write, 10 min for a
/// stream such as an import), and, for a unary call that is safe to repeat, retries of transient failures
/// with exponential backoff and full jitter within that same deadline: UNAVAILABLE (node down, connection
/// dropped before the answer) and RESOURCE_EXHAUSTED when the node says NODE_BUSY or LEDGER_BUSY.
/// Safe to repeat: a write carrying a request_id (the node answers a repeat with the first answer), or
/// a read that uses no consent grant (a single-use grant is spent by the first delivered answer).
/// </summary>
/// <remarks>A small loop rather than gRPC's service-config RetryPolicy: that one chooses by method name and
/// status code only, while here whether to retry depends on the request (its request_id or grant_id) and on
/// the ErrorInfo reason (RESOURCE_EXHAUSTED for a too-large request must not be retried).</remarks>
internal sealed class CallPolicy(TimeSpan? timeout, Action<string> log) : Interceptor
{
    public const int MaxAttempts = 4;
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StreamTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Writes = ["GrantConsent", "WithdrawConsent", "RegisterLicenseType", "AddCheckpoint"];
    private static readonly string[] Reads = ["Get", "List", "Query", "Verify", "Download", "Check"];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var message = request as IMessage;
        context = WithDeadline(context, IsWrite(context.Method, message) ? WriteTimeout : ReadTimeout);
        if (!IsRepeatable(context.Method, message))
        {
            return continuation(request, context);
        }
        var attempt = continuation(request, context);
        var response = RetryAsync(request, context, continuation, first: attempt, latest: call => attempt = call);
        return new AsyncUnaryCall<TResponse>(response, response.ContinueWith(_ => attempt.ResponseHeadersAsync, TaskScheduler.Default).Unwrap(),
            () => attempt.GetStatus(), () => attempt.GetTrailers(), () => attempt.Dispose());
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context,
        AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) => continuation(WithDeadline(context, StreamTimeout));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) => continuation(request, WithDeadline(context, StreamTimeout));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context,
        AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) => continuation(WithDeadline(context, StreamTimeout));

    /// <summary>Whether a failure is worth another try of a repeatable call.</summary>
    public static bool IsTransient(RpcException ex) => RpcErrors.NotTheNode(ex) is null && (ex.StatusCode == StatusCode.Unavailable
        || ex.StatusCode == StatusCode.ResourceExhausted && ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason is "NODE_BUSY" or "LEDGER_BUSY");

    /// <summary>The wait before attempt <paramref name="attempt"/> (2, 3, ...): full jitter up to 250 ms, 500 ms, 1 s, ...</summary>
    public static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, attempt - 2) * Random.Shared.NextDouble();

    private async Task<TResponse> RetryAsync<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation, AsyncUnaryCall<TResponse> first, Action<AsyncUnaryCall<TResponse>> latest)
        where TRequest : class where TResponse : class
    {
        var call = first;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call.ResponseAsync;
            }
            catch (RpcException ex) when (attempt < MaxAttempts && IsTransient(ex) && !context.Options.CancellationToken.IsCancellationRequested)
            {
                var wait = Backoff(attempt + 1);
                if (DateTime.UtcNow + wait >= context.Options.Deadline)
                {
                    throw;
                }
                log($"regional: {context.Method.Name} failed with {RpcErrors.Name(ex.StatusCode)} ({RpcErrors.Short(ex.Status.Detail)}); trying again in {wait.TotalMilliseconds:0} ms (attempt {attempt + 1} of {MaxAttempts})");
                await Task.Delay(wait, context.Options.CancellationToken);
                call.Dispose();
                call = continuation(request, context);
                latest(call);
            }
        }
    }

    private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, TimeSpan standard)
        where TRequest : class where TResponse : class =>
        context.Options.Deadline is not null ? context
            : new(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + (timeout ?? standard)));

    private static bool IsWrite(IMethod method, IMessage? request) =>
        request?.Descriptor.FindFieldByName("request_id") is not null || Writes.Contains(method.Name);

    private static bool IsRepeatable(IMethod method, IMessage? request)
    {
        if (request?.Descriptor.FindFieldByName("request_id") is { } requestId)
        {
            return requestId.Accessor.GetValue(request) is string { Length: > 0 };
        }
        var grant = request?.Descriptor.FindFieldByName("grant_id");
        return !Writes.Contains(method.Name) && Reads.Any(r => method.Name.StartsWith(r, StringComparison.Ordinal))
            && (grant is null || grant.Accessor.GetValue(request) is not string { Length: > 0 });
    }
}
