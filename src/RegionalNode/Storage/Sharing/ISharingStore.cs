using Regional.V1;

namespace Regional.Node.Storage.Sharing;

/// <summary>A sharing application as the log that holds it says: the application, its decision (an approval,
/// possibly narrower, or a refusal with its reason), and a revocation, each with its leaf.</summary>
internal sealed record SharingRow(string Region, long LogId, SharingApplied Applied, ulong AppliedLeaf,
    SharingApproved? Approval, bool Refused, ulong? DecidedLeaf, ulong? RevokedLeaf, string Reason)
{
    public string Id => Applied.ApplicationId;

    public bool Revoked => RevokedLeaf is not null;
}

/// <summary>The directory chain's applications and decisions of every log the node holds (its own, written by
/// its commands; its mirrors', projected from their entries), kept in the transaction of the entry that says so.</summary>
internal interface ISharingStore
{
    void AddApplication(long logId, SharingApplied applied, ulong leafIndex);

    void AddApproval(SharingApproved approved, ulong leafIndex);

    void AddRefusal(SharingRefused refused, ulong leafIndex);

    void AddRevocation(SharingRevoked revoked, ulong leafIndex);

    SharingRow? Find(string applicationId);

    /// <summary>Applications, by region then leaf, optionally of one log, one licence type, one applicant department.</summary>
    IReadOnlyList<SharingRow> List(long? logId, string? licenseType, string? department);
}
