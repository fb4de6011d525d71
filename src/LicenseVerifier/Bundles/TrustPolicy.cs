using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>One region's log as a relying party trusts it: its origin, the keys that may sign
/// its checkpoints of any size, and the keys it retired by a key rotation, each bounded by the
/// last tree size it signed.</summary>
/// <param name="Region">The region id, e.g. "bj".</param>
/// <param name="Origin">The log's origin line.</param>
/// <param name="IssuerKeys">Signature keys of the log, named for the origin, valid at any size.</param>
/// <param name="WitnessKeys">This region's cosignature keys, with which it witnesses other logs.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TrustedLog(string Region, string Origin, IReadOnlyList<NoteVerifier> IssuerKeys, IReadOnlyList<NoteVerifier> WitnessKeys)
{
    /// <summary>Keys the log rotated away from, oldest first; each signs checkpoints only up to its
    /// <see cref="RetiredKey.LastTreeSize"/>. A key listed here is bounded even if it is also in
    /// <see cref="IssuerKeys"/>.</summary>
    public IReadOnlyList<RetiredKey> RetiredIssuerKeys { get; init; } = [];

    /// <summary>Checks a checkpoint note of <paramref name="treeSize"/> against the log's keys:
    /// valid when a trusted key signed it, no trusted key's signature fails, and no retired key
    /// signed it beyond its last size. <see cref="NoteCheck.Signer"/> names the accepted key.</summary>
    public NoteCheck CheckIssuer(SignedNote note, ulong treeSize) => IssuerKeyCheck.Check(this, note, treeSize);
}

/// <summary>
/// What a relying party trusts: the federation's suite, each region's log, and how many
/// cosignatures from other regions a checkpoint must carry before a proof against it counts.
/// </summary>
/// <remarks>Immutable and thread-safe. A cosignature by the issuing region's own witness key
/// never counts toward its quorum.</remarks>
public sealed class TrustPolicy
{
    private readonly Dictionary<string, TrustedLog> _byOrigin;

    /// <summary>Builds a policy.</summary>
    /// <exception cref="ArgumentException">Two logs share an origin, or the quorum is negative.</exception>
    public TrustPolicy(Suite suite, IEnumerable<TrustedLog> logs, int witnessQuorum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(witnessQuorum);
        Suite = suite;
        Logs = [.. logs];
        WitnessQuorum = witnessQuorum;
        _byOrigin = new Dictionary<string, TrustedLog>(StringComparer.Ordinal);
        foreach (var log in Logs)
        {
            if (!_byOrigin.TryAdd(log.Origin, log))
            {
                throw new ArgumentException($"two logs share the origin '{log.Origin}'", nameof(logs));
            }
        }
    }

    /// <summary>The federation's suite.</summary>
    public Suite Suite { get; }

    /// <summary>Every trusted log.</summary>
    public IReadOnlyList<TrustedLog> Logs { get; }

    /// <summary>Cosignatures from other regions' witnesses a checkpoint needs.</summary>
    public int WitnessQuorum { get; }

    /// <summary>How old a bundle's status proof may be before it is stale (the trust file's
    /// maxStatusAge); a day by default.</summary>
    public TimeSpan MaxStatusAge { get; init; } = StatusAge.Default;

    /// <summary>The trusted log with an origin, or null.</summary>
    public TrustedLog? FindByOrigin(string origin) => _byOrigin.GetValueOrDefault(origin);

    /// <summary>The witness keys that count for a log: every other region's.</summary>
    public IReadOnlyCollection<NoteVerifier> WitnessesFor(TrustedLog log) =>
        [.. Logs.Where(l => l.Region != log.Region).SelectMany(l => l.WitnessKeys)];
}
