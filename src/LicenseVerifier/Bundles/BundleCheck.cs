using Regional.LicenseVerifier.Digests;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>What failed when a proof bundle is not accepted. Checked in this order.</summary>
public enum BundleFailure
{
    /// <summary>Nothing was checked: the zero value of the enum, never a success (see <see cref="BundleCheck.IsValid"/>).</summary>
    NotChecked,

    /// <summary>Every check passed.</summary>
    None,
    /// <summary>The bundle's origin is not a log of the trust policy.</summary>
    UnknownOrigin,
    /// <summary>The bundle names another suite than the federation's.</summary>
    SuiteMismatch,
    /// <summary>The checkpoint is not a well-formed signed note or checkpoint body.</summary>
    MalformedCheckpoint,
    /// <summary>The checkpoint's origin or size differs from the bundle's.</summary>
    CheckpointMismatch,
    /// <summary>No valid signature by a trusted key of the issuing log, or a bad one.</summary>
    IssuerSignature,
    /// <summary>Validly signed, but by a key the log retired by a key rotation, for a tree size
    /// beyond the last one that key signed.</summary>
    RetiredIssuerKey,
    /// <summary>Fewer valid cosignatures from other regions than the quorum.</summary>
    TooFewCosignatures,
    /// <summary>The entry bytes are not a licence entry (LicenseIssued or LicenseAmended).</summary>
    BadLeaf,
    /// <summary>The inclusion path does not lead from the entry to the checkpoint's root.</summary>
    BadPath,
    /// <summary>A status entry is malformed, unproven, out of order or about another licence.</summary>
    BadStatusEntry,
    /// <summary>The bundle carries no status proof, so a later revocation could have been left out.</summary>
    MissingStatusProof,
    /// <summary>The status proof does not hold: its StatusRoot entry is not the checkpoint's last leaf or
    /// not included, its map path does not lead to that root, or its time is ahead of the verifier's clock.</summary>
    BadStatusProof,
    /// <summary>The status map's entry for the licence disagrees with the licence and status entries of the bundle.</summary>
    StatusProofDisagrees,
}

/// <summary>The outcome of checking a proof bundle: the failure, or what the bundle proves.</summary>
/// <remarks>Immutable. When <see cref="IsValid"/>, <see cref="Status"/> is the licence's status
/// as of the checkpoint and the given time, and <see cref="Fields"/> the disclosed-field results.</remarks>
public sealed record BundleCheck
{
    /// <summary>What failed; <see cref="BundleFailure.None"/> when the bundle is accepted.</summary>
    public required BundleFailure Failure { get; init; }

    /// <summary>What exactly went wrong, or a summary of what was proven.</summary>
    public required string Detail { get; init; }

    /// <summary>Whether every check passed (the status may still be REVOKED or MISMATCH).</summary>
    public bool IsValid => Failure == BundleFailure.None;

    /// <summary>The licence's status, or UNKNOWN when the bundle is not accepted.</summary>
    public VerificationStatus Status { get; init; } = VerificationStatus.Unknown;

    /// <summary>The licence id the entry is about.</summary>
    public string LicenseId { get; init; } = "";

    /// <summary>The issuing region of the log.</summary>
    public string Region { get; init; } = "";

    /// <summary>The checkpoint's tree size.</summary>
    public ulong TreeSize { get; init; }

    /// <summary>Valid cosignatures from other regions' witnesses, with their times.</summary>
    public IReadOnlyList<WitnessCosignature> Cosignatures { get; init; } = [];

    /// <summary>Per-field results of a disclosure check; empty when nothing was disclosed.</summary>
    public IReadOnlyList<FieldResult> Fields { get; init; } = [];

    /// <summary>When the status was committed (the StatusRoot entry's recorded_at): the status is as of then.</summary>
    public DateTimeOffset? StatusAsOf { get; init; }

    /// <summary>The status proof is older than the policy allows (<see cref="TrustPolicy.MaxStatusAge"/> or
    /// the caller's maximum): the answer was true as of <see cref="StatusAsOf"/>, and may not be now.</summary>
    public bool IsStale { get; init; }

    /// <summary>The oldest status proof the check accepted as fresh.</summary>
    public TimeSpan MaxStatusAge { get; init; }

    /// <summary>The licence's current version per the status map, when the bundle holds an earlier one.</summary>
    public uint? CurrentVersion { get; init; }

    /// <summary>The checks that passed, in order, for people reading a report.</summary>
    public IReadOnlyList<string> Passed { get; init; } = [];

    internal static BundleCheck Fail(BundleFailure failure, string detail, IReadOnlyList<string> passed) =>
        new() { Failure = failure, Detail = detail, Passed = passed };
}
