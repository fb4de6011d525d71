namespace Regional.Node.Storage.Ledger;

/// <summary>A request already carried out: its fingerprint, its result and the leaf it wrote.</summary>
internal sealed record StoredRequest(byte[] Fingerprint, byte[] Result, ulong? Leaf);

/// <summary>The requests carried out under caller-chosen request ids, kept with the block that carried
/// them out (same transaction), so a retry after a lost answer is answered, not repeated.</summary>
internal interface IRequestStore
{
    StoredRequest? Find(string requestId);

    void Add(string requestId, byte[] fingerprint, byte[] result, ulong? leaf);
}
