using Regional.V1;

namespace Regional.Node.Storage.Licenses;

/// <summary>A licence's current state, derived from its entries in the log.</summary>
internal sealed record LicenseRow(
    string LicenseId,
    long LogId,
    string LicenseType,
    string Department,
    LicenseStatus Status,
    uint Version,
    ulong DocumentLeaf);

/// <summary>One entry of a licence's history: its leaf and kind (one of the constants).</summary>
internal sealed record LicenseEvent(ulong LeafIndex, string Kind)
{
    public const string Issued = "issued";
    public const string Amended = "amended";
    public const string StatusChanged = "status_changed";
    public const string ConsentGranted = "consent_granted";
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string AccessRecorded = "access_recorded";
}

/// <summary>
/// The licences of every log the node holds: current state and history (derived from the entries),
/// and, for the own region's only, the encrypted documents, the keyed holder index and the licence-number
/// counters. Writes happen inside the block transaction that appends the entries they derive from.
/// </summary>
internal interface ILicenseStore
{
    LicenseRow? Find(string licenseId);

    /// <summary>Inserts the licence, or updates its status, version and document leaf.</summary>
    void Upsert(LicenseRow row);

    void AddEvent(string licenseId, ulong leafIndex, string kind);

    /// <summary>The licence's entries in log order, up to (excluding) a tree size.</summary>
    IReadOnlyList<LicenseEvent> Events(string licenseId, ulong treeSize);

    void PutDocument(string licenseId, uint version, byte[] sealedDocument);

    /// <summary>A version's sealed document, or null when it is not held (recovered as digests only).</summary>
    byte[]? GetDocument(string licenseId, uint version);

    void IndexHolder(byte[] holderKey, string licenseId);

    /// <summary>Whether the keyed holder index names this holder for the licence.</summary>
    bool IsHolder(byte[] holderKey, string licenseId);

    /// <summary>The licences the keyed holder index names for a holder, by id.</summary>
    IReadOnlyList<string> ByHolder(byte[] holderKey);

    /// <summary>Takes the next number of a named counter (in the caller's transaction); the first is 1.</summary>
    long NextNumber(string counter);

    /// <summary>Raises a named counter to at least <paramref name="atLeast"/>, so the next number follows it.</summary>
    void RaiseNumber(string counter, long atLeast);
}
