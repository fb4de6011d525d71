using Microsoft.AspNetCore.Builder;

namespace Regional.Node.Tests.Support;

/// <summary>How a <see cref="TestNode"/> starts: region, suite, transport, configuration overrides,
/// the clock, and hooks to replace services or map test-only endpoints.</summary>
public sealed class TestNodeOptions
{
    public string Region { get; init; } = "bj";

    public string Suite { get; init; } = "gm";

    /// <summary>Serve plaintext h2c instead of TLS.</summary>
    public bool Insecure { get; init; }

    /// <summary>A federation CA: the node serves a certificate it issued for <see cref="Region"/> (made once
    /// in the data folder's federation.crt/.key) and trusts it for mutual TLS (Node:CaCertificatePath).</summary>
    public TestCa? Ca { get; init; }

    /// <summary>Configuration overrides by key ("Node:MaxBlockEntries" = "50"); passed on the command
    /// line, so they win over appsettings.json and the environment. "Node:Listen" pins the address.</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The node's TimeProvider; a new <see cref="ManualClock"/> when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Runs after the node's defaults, before Build (replace services here).</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }

    /// <summary>Runs after Build, before start (map test-only gRPC services here).</summary>
    public Action<WebApplication>? Map { get; init; }
}
