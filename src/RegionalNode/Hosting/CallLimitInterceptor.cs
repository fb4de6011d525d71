using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;

namespace Regional.Node.Hosting;

/// <summary>
/// Back-pressure for reads: at most Node:MaxConcurrentCalls unary regional.v1 calls run at once; one
/// more is refused at once with RESOURCE_EXHAUSTED (NODE_BUSY) instead of queueing without bound.
/// Writes are not counted: their commands wait in the ledger writer's own bounded queue, which refuses
/// them the same way when full. Streams (mirrors following a log) and calls outside regional.v1
/// (health, reflection) are not counted either. A singleton: the count is the node's.
/// </summary>
internal sealed class CallLimitInterceptor(IOptions<NodeOptions> options) : Interceptor
{
    private static readonly HashSet<string> QueuedWrites = new(StringComparer.Ordinal)
    {
        "/regional.v1.LicenseService/IssueLicense",
        "/regional.v1.LicenseService/AmendLicense",
        "/regional.v1.LicenseService/ChangeLicenseStatus",
        "/regional.v1.CatalogService/RegisterLicenseType",
        "/regional.v1.ConsentService/GrantConsent",
        "/regional.v1.ConsentService/WithdrawConsent",
    };

    private readonly int _limit = options.Value.MaxConcurrentCalls;
    private int _inFlight;

    /// <summary>Calls counted against the limit right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsLimited(context.Method))
        {
            return await continuation(request, context);
        }
        if (Interlocked.Increment(ref _inFlight) > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new NodeException(StatusCode.ResourceExhausted, "NODE_BUSY",
                $"the node is overloaded: more than {_limit} calls in flight (Node:MaxConcurrentCalls); retry with backoff");
        }
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static bool IsLimited(string method) =>
        method.StartsWith("/regional.v1.", StringComparison.Ordinal) && !QueuedWrites.Contains(method);
}
