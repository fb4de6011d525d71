using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Regional.Integration.Tests.Support;

namespace Regional.Integration.Tests.Reliability;

/// <summary>The fault-injecting proxy itself, in front of a TCP echo server: it forwards, cuts, heals,
/// delays and drops as the partition tests rely on.</summary>
public class FaultProxyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private TcpListener _echo = null!;
    private CancellationTokenSource _stop = null!;
    private FaultProxy _proxy = null!;

    [SetUp]
    public void StartEchoAndProxy()
    {
        _stop = new CancellationTokenSource();
        _echo = new TcpListener(IPAddress.Loopback, 0);
        _echo.Start();
        _ = EchoAsync(_echo, _stop.Token);
        _proxy = FaultProxy.Start("127.0.0.1", ((IPEndPoint)_echo.LocalEndpoint).Port);
    }

    [TearDown]
    public async Task StopAll()
    {
        await _proxy.DisposeAsync();
        await _stop.CancelAsync();
        _echo.Dispose();
        _stop.Dispose();
    }

    [Test]
    public async Task Forward_BytesThroughProxy_EchoedUnchangedAndCounted()
    {
        var sent = RandomBytes(100_000);
        using var client = await ConnectAsync();

        var echoed = await RoundTripAsync(client, sent);

        Assert.That(echoed, Is.EqualTo(sent));
        Assert.That((_proxy.Accepted, _proxy.BytesToTarget, _proxy.BytesFromTarget), Is.EqualTo((1L, 100_000L, 100_000L)));
    }

    [Test]
    public async Task Cut_OpenAndNewConnections_ResetUntilHealed()
    {
        using var open = await ConnectAsync();
        await RoundTripAsync(open, RandomBytes(10));

        _proxy.Cut();
        var openFails = await FailsAsync(open);
        var freshFails = await NewConnectionFailsAsync();
        _proxy.Heal();
        using var healed = await ConnectAsync();
        var echoed = await RoundTripAsync(healed, [1, 2, 3]);

        Assert.That((openFails, freshFails), Is.EqualTo((true, true)));
        Assert.That(_proxy.Refused, Is.EqualTo(1));
        Assert.That(echoed, Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task CutBlackHole_NewConnection_SilentThenResetOnHeal()
    {
        _proxy.Cut(CutMode.BlackHole);
        using var held = await ConnectAsync();
        await held.SendAsync(new byte[] { 7 });
        var answer = held.ReceiveAsync(new byte[1]);

        var silent = await Task.WhenAny(answer, Task.Delay(300)) != answer;
        _proxy.Heal();
        var ended = await Task.WhenAny(answer, Task.Delay(Patience)) == answer;

        Assert.That((silent, ended), Is.EqualTo((true, true)));
        Assert.That(answer.IsFaulted || answer.Result == 0, Is.True, "the held connection must end without an answer");
    }

    [Test]
    public async Task Delay_HalfSecondPerChunk_RoundTripTakesAtLeastBothDelays()
    {
        using var client = await ConnectAsync();
        _proxy.Delay(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var echoed = await RoundTripAsync(client, [42]);

        Assert.That(echoed, Is.EqualTo(new byte[] { 42 }));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "one chunk each way, half a second each");
    }

    [Test]
    public async Task DropAfter_TransferPastTheBudget_ConnectionKilledMidStream()
    {
        _proxy.DropAfter(1_000);
        using var client = await ConnectAsync();

        var failed = await FailsAsync(client, RandomBytes(50_000));

        Assert.That(failed, Is.True);
        Assert.That(_proxy.BytesToTarget + _proxy.BytesFromTarget, Is.LessThanOrEqualTo(1_000));
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _proxy.Port);
        return socket;
    }

    private static async Task<byte[]> RoundTripAsync(Socket client, byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var sending = client.SendAsync(bytes, SocketFlags.None, timeout.Token).AsTask();
        var received = new byte[bytes.Length];
        for (var at = 0; at < received.Length;)
        {
            var read = await client.ReceiveAsync(received.AsMemory(at), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException($"the connection ended after {at} of {bytes.Length} bytes");
            }
            at += read;
        }
        await sending;
        return received;
    }

    /// <summary>Whether connecting, then a round trip, fails (a reset may come before connect returns).</summary>
    private async Task<bool> NewConnectionFailsAsync()
    {
        try
        {
            using var socket = await ConnectAsync();
            return await FailsAsync(socket);
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Whether a round trip over the socket fails (reset or closed) rather than echoes.</summary>
    private static async Task<bool> FailsAsync(Socket client, byte[]? bytes = null)
    {
        try
        {
            await RoundTripAsync(client, bytes ?? [9]);
            return false;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return true;
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private static async Task EchoAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
            if (socket is null)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    var buffer = new byte[8192];
                    try
                    {
                        int read;
                        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop)) > 0)
                        {
                            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
                        }
                    }
                    catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                    {
                    }
                }
            }, stop);
        }
    }
}
