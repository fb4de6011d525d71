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
    private readonly Func<long> _waitingForThread;
    private readonly StreamCount _streams;
    private readonly StreamCount _imports;
    private int _inFlight;

    public CallLimitInterceptor(IOptions<NodeOptions> options)
        : this(options, () => ThreadPool.PendingWorkItemCount)
    {
    }

    /// <param name="waitingForThread">Work items queued for a thread-pool thread (tests fix it).</param>
    internal CallLimitInterceptor(IOptions<NodeOptions> options, Func<long> waitingForThread)
    {
        _limit = options.Value.MaxConcurrentCalls;
        var (streams, imports) = (options.Value.MaxConcurrentStreams, options.Value.MaxConcurrentImports);
        _streams = new StreamCount(streams, $"the node has {streams} streams open (Node:MaxConcurrentStreams); retry with backoff");
        _imports = new StreamCount(imports, $"the node is serving {imports} imports at once (Node:MaxConcurrentImports); retry when one is done");
        _waitingForThread = waitingForThread;
    }

    /// <summary>Calls counted against the limit right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Server streams open right now.</summary>
    public int Streams => _streams.Open;

    /// <summary>Bidirectional calls (imports) open right now.</summary>
    public int Imports => _imports.Open;

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/regional.v1.", StringComparison.Ordinal))
        {
            await continuation(requestStream, responseStream, context);
            return;
        }
        using (_imports.Enter())
        {
            await continuation(requestStream, responseStream, context);
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
        using (_streams.Enter())
        {
            await continuation(request, responseStream, context);
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

    /// <summary>Long-lived calls of one kind open at once, against their limit.</summary>
    private sealed class StreamCount(int limit, string busy)
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        /// <summary>Counts a call in until the returned slot is disposed.</summary>
        /// <exception cref="NodeException">RESOURCE_EXHAUSTED (NODE_BUSY): the limit is reached.</exception>
        public IDisposable Enter()
        {
            if (Interlocked.Increment(ref _open) > limit)
            {
                Interlocked.Decrement(ref _open);
                throw new NodeException(StatusCode.ResourceExhausted, "NODE_BUSY", busy);
            }
            return new Slot(this);
        }

        private sealed class Slot(StreamCount count) : IDisposable
        {
            private int _left;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _left, 1) == 0)
                {
                    Interlocked.Decrement(ref count._open);
                }
            }
        }
    }
}
