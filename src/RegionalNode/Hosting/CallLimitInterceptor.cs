using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Configuration;

namespace Regional.Node.Hosting;

/// <summary>
/// Back-pressure for reads: a unary regional.v1 read is refused at once with RESOURCE_EXHAUSTED (NODE_BUSY)
/// when Node:MaxConcurrentCalls reads are already running, or when more than that many work items wait
/// for a thread-pool thread. The second is where a flood queues: a read runs synchronously once it has a
/// thread, so the calls in flight stay few while thousands wait for a thread; refusing those that get one
/// is cheap and drains the queue. Writes are not counted: their commands wait in the ledger writer's own
/// bounded queue, which refuses them the same way when full. Server streams (peers and mirrors following
/// a log with GetBlocks) live for minutes, so they have their own count and limit, Node:MaxConcurrentStreams:
/// beyond it a new stream is refused at once (NODE_BUSY) and cannot starve reads. Client streams (ImportLicenses,
/// the only bidirectional call) live as long as the caller sends rows and each keeps up to 2,000 rows in the
/// writer's queue, so they have a count and limit of their own too, Node:MaxConcurrentImports: imports neither
/// take the followers' stream slots nor fill the writer's queue for everyone else's writes. Calls outside regional.v1
/// (health, reflection) are not counted. A singleton: the counts are the node's.
/// </summary>
internal sealed class CallLimitInterceptor : Interceptor
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

    private readonly int _limit;
    private readonly int _streamLimit;
    private readonly int _importLimit;
    private readonly Func<long> _waitingForThread;
    private int _inFlight;
    private int _streams;
    private int _imports;

    public CallLimitInterceptor(IOptions<NodeOptions> options)
        : this(options, () => ThreadPool.PendingWorkItemCount)
    {
    }

    /// <param name="waitingForThread">Work items queued for a thread-pool thread (tests fix it).</param>
    internal CallLimitInterceptor(IOptions<NodeOptions> options, Func<long> waitingForThread)
    {
        _limit = options.Value.MaxConcurrentCalls;
        _streamLimit = options.Value.MaxConcurrentStreams;
        _importLimit = options.Value.MaxConcurrentImports;
        _waitingForThread = waitingForThread;
    }

    /// <summary>Calls counted against the limit right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Server streams open right now.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Bidirectional calls (imports) open right now.</summary>
    public int Imports => Volatile.Read(ref _imports);

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/regional.v1.", StringComparison.Ordinal))
        {
            await continuation(requestStream, responseStream, context);
            return;
        }
        if (Interlocked.Increment(ref _imports) > _importLimit)
        {
            Interlocked.Decrement(ref _imports);
            throw new NodeException(StatusCode.ResourceExhausted, "NODE_BUSY",
                $"the node is serving {_importLimit} imports at once (Node:MaxConcurrentImports); retry when one is done");
        }
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        finally
        {
            Interlocked.Decrement(ref _imports);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/regional.v1.", StringComparison.Ordinal))
        {
            await continuation(request, responseStream, context);
            return;
        }
        if (Interlocked.Increment(ref _streams) > _streamLimit)
        {
            Interlocked.Decrement(ref _streams);
            throw new NodeException(StatusCode.ResourceExhausted, "NODE_BUSY",
                $"the node has {_streamLimit} streams open (Node:MaxConcurrentStreams); retry with backoff");
        }
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            Interlocked.Decrement(ref _streams);
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsLimited(context.Method))
        {
            return await continuation(request, context);
        }
        if (Interlocked.Increment(ref _inFlight) > _limit || _waitingForThread() > _limit)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new NodeException(StatusCode.ResourceExhausted, "NODE_BUSY",
                $"the node is overloaded: more than {_limit} calls in flight or waiting (Node:MaxConcurrentCalls); retry with backoff");
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
