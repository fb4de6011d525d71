using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Regional.Node.Benchmarks;

/// <summary>What starting a node on loopback needs: the built node, a free port, a pinned channel.</summary>
internal static class NodeLaunch
{
    /// <summary>src/RegionalNode/bin/Release/net10.0/Regional.Node.dll of the repository holding this tool.</summary>
    public static string DefaultNodeDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Regional.sln")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "src", "RegionalNode", "bin", "Release", "net10.0", "Regional.Node.dll");
    }

    /// <summary>A port on 127.0.0.1 that nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A channel to https://127.0.0.1:port that trusts exactly the certificate in the file
    /// (the node's self-signed development certificate), over several HTTP/2 connections when the
    /// streams of one are used up; presenting clientCertificate, when given (mutual TLS in a federation).</summary>
    public static GrpcChannel PinnedChannel(int port, string certificatePath, X509Certificate2? clientCertificate = null)
    {
        using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var raw = pinned.RawData;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(raw);
        return GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
