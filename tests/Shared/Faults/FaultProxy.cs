using System.Net;
using System.Net.Sockets;

namespace Regional.Tests.Faults;

/// <summary>What a cut proxy does with a new connection.</summary>
public enum CutMode
{
    /// <summary>Accept and reset it at once: the peer sees "connection reset" (a host that is down).</summary>
    Refuse,
    /// <summary>Accept it and never answer (bytes read are dropped) until healed, then reset it: a lost route.</summary>
    BlackHole,
}

/// <summary>
/// A fault-injecting TCP proxy on 127.0.0.1: every connection to <see cref="Port"/> is forwarded byte for
/// byte to the target (TLS passes through untouched). At run time the test can cut the link (reset
/// every open connection and refuse or black-hole new ones), heal it, add latency to every chunk in
/// both directions, kill connections once they carried a number of bytes, or drop one answer. Counters say what passed.
/// </summary>
/// <remarks>Thread-safe; controls apply to open connections at once. Dispose closes everything.</remarks>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<ProxiedConnection> _open = [];
    private readonly HashSet<Socket> _held = [];
    private readonly Task _accepting;
    private CutMode? _cut;
    private long _delayTicks;
    private long _dropAfter = long.MaxValue;
    private long _dropAnswerAfter = long.MaxValue;
    private long _dropAnswerHoldTicks;
    private long _accepted;
    private long _refused;
    private long _bytesToTarget;
    private long _bytesFromTarget;

    private FaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>Starts a proxy on a free loopback port that forwards to host:port.</summary>
    public static FaultProxy Start(string host, int port) =>
        new(new IPEndPoint(IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host)[0], port));

    public int Port { get; }

    /// <summary>https://127.0.0.1:port, to put in place of the target's own address.</summary>
    public Uri Endpoint => new($"https://127.0.0.1:{Port}");

    /// <summary>Connections accepted so far (forwarded, refused or held).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections refused or black-holed while cut.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections being forwarded now.</summary>
    public int Open
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Bytes written to the target so far.</summary>
    public long BytesToTarget => Interlocked.Read(ref _bytesToTarget);

    /// <summary>Bytes written back to clients so far.</summary>
    public long BytesFromTarget => Interlocked.Read(ref _bytesFromTarget);

    public bool IsCut
    {
        get
        {
            lock (_lock)
            {
                return _cut is not null;
            }
        }
    }

    /// <summary>The latency added to every chunk, in each direction.</summary>
    public TimeSpan Latency => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));

    /// <summary>The byte budget of one connection (both directions together) before it is killed.</summary>
    public long DropAfterBytes => Interlocked.Read(ref _dropAfter);

    /// <summary>Resets every open connection; new ones are refused or black-holed until <see cref="Heal"/>.</summary>
    public void Cut(CutMode mode = CutMode.Refuse)
    {
        List<ProxiedConnection> open;
        lock (_lock)
        {
            _cut = mode;
            open = [.. _open];
        }
        foreach (var connection in open)
        {
            connection.Abort();
        }
    }

    /// <summary>Forwards new connections again. Connections black-holed meanwhile are reset, or, with
    /// <paramref name="resetHeld"/> false, stay silent until disposal (a middlebox that lost them).</summary>
    public void Heal(bool resetHeld = true)
    {
        List<Socket> held;
        lock (_lock)
        {
            _cut = null;
            held = resetHeld ? [.. _held] : [];
            _held.ExceptWith(held);
        }
        held.ForEach(Reset);
    }

    /// <summary>Adds latency to every chunk in both directions (open connections too); zero removes it.</summary>
    public void Delay(TimeSpan perChunk) => Interlocked.Exchange(ref _delayTicks, Math.Max(0, perChunk.Ticks));

    /// <summary>Kills every connection (open ones too) once it has carried this many bytes in both directions
    /// together; null lifts the limit.</summary>
    public void DropAfter(long? bytes) => Interlocked.Exchange(ref _dropAfter, bytes ?? long.MaxValue);

    /// <summary>Once: the first connection whose client has sent at least <paramref name="requestBytes"/> gets nothing
    /// more from the target (what it sends is dropped) and is reset after <paramref name="hold"/>: a link that dies
    /// after a request went through and before its answer came back. Later connections pass untouched.</summary>
    public void DropAnswerOnce(long requestBytes, TimeSpan hold)
    {
        Interlocked.Exchange(ref _dropAnswerHoldTicks, hold.Ticks);
        Interlocked.Exchange(ref _dropAnswerAfter, requestBytes);
    }

    /// <summary>Whether a connection whose client has sent <paramref name="sent"/> bytes is the one whose answer
    /// <see cref="DropAnswerOnce"/> drops (true once), and how long to hold it before the reset.</summary>
    internal bool TakeAnswerDrop(long sent, out TimeSpan hold)
    {
        hold = TimeSpan.FromTicks(Interlocked.Read(ref _dropAnswerHoldTicks));
        var after = Interlocked.Read(ref _dropAnswerAfter);
        return sent >= after && Interlocked.CompareExchange(ref _dropAnswerAfter, long.MaxValue, after) == after;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Heal();
        Cut();
        _stop.Dispose();
    }

    internal void Counted(bool toTarget, int bytes) =>
        Interlocked.Add(ref toTarget ? ref _bytesToTarget : ref _bytesFromTarget, bytes);

    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(Socket client)
    {
        lock (_lock)
        {
            if (_cut is { } mode)
            {
                Interlocked.Increment(ref _refused);
                if (mode == CutMode.Refuse)
                {
                    Reset(client);
                    return;
                }
                _held.Add(client);
                _ = DiscardAsync(client);
                return;
            }
        }
        var connection = await ProxiedConnection.ConnectAsync(this, client, _target, _stop.Token);
        if (connection is null)
        {
            return;
        }
        lock (_lock)
        {
            if (_cut is not null)
            {
                connection.Abort();
                return;
            }
            _open.Add(connection);
        }
        await connection.RunAsync();
        lock (_lock)
        {
            _open.Remove(connection);
        }
    }

    /// <summary>A black-holed connection: whatever it sends is read and dropped, nothing is answered.</summary>
    private static async Task DiscardAsync(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
