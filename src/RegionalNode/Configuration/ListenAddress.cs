using System.Globalization;
using System.Net;

namespace Regional.Node.Configuration;

/// <summary>The host:port a node listens on: an IP address ("127.0.0.1:7101", "[::1]:7101",
/// "0.0.0.0:7101") or "localhost:7101" (both loopback addresses). Port 0 picks a free port.</summary>
internal readonly record struct ListenAddress(IPAddress? Address, int Port)
{
    /// <summary>True for "localhost": listen on IPv4 and IPv6 loopback.</summary>
    public bool IsLocalhost => Address is null;

    public static bool TryParse(string? text, out ListenAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] == "localhost")
        {
            if (int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort)
            {
                address = new ListenAddress(null, port);
                return true;
            }
            return false;
        }
        // IPEndPoint.TryParse accepts a bare address as port 0; insist on an explicit port.
        if (colon < 0 || text.EndsWith(']') || !IPEndPoint.TryParse(text, out var endPoint))
        {
            return false;
        }
        address = new ListenAddress(endPoint.Address, endPoint.Port);
        return true;
    }

    public override string ToString() => IsLocalhost
        ? $"localhost:{Port}"
        : new IPEndPoint(Address!, Port).ToString();
}
