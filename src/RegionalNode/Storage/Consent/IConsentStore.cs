using Regional.V1;

namespace Regional.Node.Storage.Consent;

/// <summary>A grant as the issuing region keeps it: the logged grant, its leaf, and its state.</summary>
internal sealed record GrantRow(ConsentGranted Grant, ulong LeafIndex, bool Withdrawn, uint Uses);

/// <summary>The issuing region's own consent grants: each grant as logged, whether it was withdrawn and
/// how often it was used, written in the transaction of the entry that says so.</summary>
internal interface IConsentStore
{
    void Add(ConsentGranted grant, ulong leafIndex);

    GrantRow? Find(string grantId);

    /// <summary>A licence's grants in log order.</summary>
    IReadOnlyList<GrantRow> ByLicense(string licenseId);

    void MarkWithdrawn(string grantId);

    /// <summary>Counts one use of the grant.</summary>
    void AddUse(string grantId);
}
