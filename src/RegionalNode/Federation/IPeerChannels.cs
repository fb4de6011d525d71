using Grpc.Net.Client;
using Regional.LicenseVerifier.Trust;

namespace Regional.Node.Federation;

/// <summary>Channels to the other regions' nodes: mutual TLS, the peer's certificate must name
/// its region. One channel per peer, reused.</summary>
internal interface IPeerChannels
{
    GrpcChannel For(RegionTrust peer);
}
