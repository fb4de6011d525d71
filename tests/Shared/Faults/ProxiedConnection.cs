using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Regional.Tests.Faults;

/// <summary>
/// One connection through a <see cref="FaultProxy"/>: two pumps (client to target, target to client), each a
/// reader that stamps every chunk with the time it may leave (now + the proxy's latency) and a writer that
/// sends it then, so latency delays bytes without limiting throughput. A pump that meets end of stream
/// half-closes the other side; an error, the byte budget or <see cref="Abort"/> resets both sockets.
/// </summary>
internal sealed class ProxiedConnection
{
    private const int ChunkSize = 16 * 1024;
    private const int ChunksInFlight = 64; // per direction: a slow writer holds up the reader, memory stays bounded
    private readonly FaultProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _target;
    private readonly CancellationTokenSource _abort;
    private long _carried;
    private long _sentToTarget;
    private volatile bool _answerDropped;

    private ProxiedConnection(FaultProxy proxy, Socket client, Socket target, CancellationToken stop)
    {
        _proxy = proxy;
        _client = client;
        _target = target;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(stop);
    }

    /// <summary>Connects to the target; null (and the client reset) when it cannot be reached.</summary>
    public static async Task<ProxiedConnection?> ConnectAsync(FaultProxy proxy, Socket client, IPEndPoint target, CancellationToken stop)
    {
        var upstream = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(target, stop);
            client.NoDelay = true;
            return new ProxiedConnection(proxy, client, upstream, stop);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            FaultProxy.Reset(upstream);
            FaultProxy.Reset(client);
            return null;
        }
    }

    /// <summary>Pumps both directions until both ended; then closes both sockets.</summary>
    public async Task RunAsync()
    {
        await Task.WhenAll(PumpAsync(_client, _target, toTarget: true), PumpAsync(_target, _client, toTarget: false));
        _client.Dispose();
        _target.Dispose();
        _abort.Dispose();
    }

    /// <summary>Resets both sockets (RST): the peers see the connection die mid-stream.</summary>
    public void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return; // already finished
        }
        FaultProxy.Reset(_client);
        FaultProxy.Reset(_target);
    }

    private async Task PumpAsync(Socket from, Socket to, bool toTarget)
    {
        var chunks = Channel.CreateBounded<(long Due, byte[] Bytes)>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(chunks.Reader, to, toTarget);
        try
        {
            var buffer = new byte[ChunkSize];
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _abort.Token)) > 0)
            {
                var due = Stopwatch.GetTimestamp() + _proxy.Latency.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
                await chunks.Writer.WriteAsync((due, buffer[..read]), _abort.Token);
            }
            chunks.Writer.TryComplete(); // end of stream: the writer half-closes once the queue is sent
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            chunks.Writer.TryComplete(ex);
            Abort();
        }
        await writing;
    }

    /// <summary>Resets the connection after <paramref name="hold"/> (the target had time to act on the request).</summary>
    private async Task AbortAfterAsync(TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, _abort.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        Abort();
    }

    private async Task WriteAsync(ChannelReader<(long Due, byte[] Bytes)> chunks, Socket to, bool toTarget)
    {
        try
        {
            await foreach (var (due, bytes) in chunks.ReadAllAsync(_abort.Token))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _abort.Token);
                }
                if (!toTarget && _answerDropped)
                {
                    continue; // the answer never reaches the client
                }
                // Reserve the bytes first, so the two directions together never pass the budget.
                var before = Interlocked.Add(ref _carried, bytes.Length) - bytes.Length;
                var allowed = (int)Math.Clamp(_proxy.DropAfterBytes - before, 0, bytes.Length);
                if (allowed > 0)
                {
                    await to.SendAsync(bytes.AsMemory(0, allowed), SocketFlags.None, _abort.Token);
                    _proxy.Counted(toTarget, allowed);
                    if (toTarget && !_answerDropped && _proxy.TakeAnswerDrop(Interlocked.Add(ref _sentToTarget, allowed), out var hold))
                    {
                        _answerDropped = true;
                        _ = AbortAfterAsync(hold);
                    }
                }
                if (allowed < bytes.Length)
                {
                    Abort(); // the byte budget is spent: kill the connection mid-stream
                    return;
                }
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            Abort();
        }
    }
}
