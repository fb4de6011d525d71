using System.Collections.Concurrent;
using Grpc.Net.Client;
using Regional.LicenseVerifier.Trust;

namespace Regional.Node.Federation.Transport;

/// <summary>One mutual-TLS channel per peer region, created on first use and reused.</summary>
internal sealed class PeerChannels(PeerChannelFactory factory) : IPeerChannels, IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public GrpcChannel For(RegionTrust peer) => _channels.GetOrAdd(peer.Id, _ => factory.Create(peer.Endpoint, peer.Id));

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
