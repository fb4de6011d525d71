using System.Reflection;

namespace Regional.Node.Ledger;

/// <summary>Who this node is, as it tells callers in GetLedgerStatus.</summary>
internal sealed record NodeIdentity(string Region, string DisplayName, string Origin, string VerifierKey)
{
    /// <summary>The node software's version.</summary>
    public string Version { get; } =
        typeof(NodeIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
