namespace Regional.Node.Federation;

/// <summary>Options of the federation (section "Federation"). Without a trust file the node runs
/// alone: its own log only, no mirrors, no witnessing.</summary>
internal sealed class FederationOptions
{
    public const string Section = "Federation";

    /// <summary>The federation's trust file (JSON): every region's endpoint, origin, log and
    /// witness keys, the witness quorum and the CA. Unset: the node runs alone.</summary>
    public string? TrustFile { get; set; }

    /// <summary>This node's witness (cosignature) key. Default: &lt;data&gt;/keys/witness.key,
    /// created (mode 0600) on first start.</summary>
    public string? WitnessKeyPath { get; set; }

    /// <summary>How long a mirror waits before reconnecting to an unreachable peer, at first
    /// (doubling up to 30 s). Milliseconds.</summary>
    public int ReconnectMs { get; set; } = 500;

    /// <summary>Deadline of one witnessing call (AddCheckpoint) to a peer. Milliseconds.</summary>
    public int WitnessTimeoutMs { get; set; } = 5000;
}
