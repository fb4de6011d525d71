using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Storage.Ledger;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>
/// The key rotations a log (own or mirrored) has recorded, oldest first: the log, not a file,
/// decides which key signs its next checkpoint. Each rotation is indexed (<see cref="ILogStore.RecordKeyRotation"/>)
/// with the tree size of its block, in the block's transaction, so start-up reads O(rotations) rows
/// instead of scanning the log.
/// </summary>
/// <remarks>Immutable.</remarks>
internal sealed record KeyHistory(IReadOnlyList<KeyRotation> Rotations)
{
    public static KeyHistory None { get; } = new([]);

    /// <summary>The key of the last rotation; null while the log still signs with its first key.</summary>
    public NoteVerifier? Current => Rotations.Count > 0 ? Rotations[^1].NewKey : null;

    /// <summary>The history with one more rotation (none: unchanged).</summary>
    public KeyHistory After(KeyRotation? rotation) => rotation is null ? this : new([.. Rotations, rotation]);

    /// <summary>A trusted log widened by what the log itself recorded: the current key is trusted
    /// and every rotated-out key is bounded by the size of its rotation block.</summary>
    public TrustedLog Apply(TrustedLog log) => Rotations.Count == 0 ? log : log with
    {
        IssuerKeys = [.. log.IssuerKeys.Append(Current!).DistinctBy(k => k.VerifierKey)],
        RetiredIssuerKeys = [.. log.RetiredIssuerKeys, .. Rotations.Select(r => new RetiredKey(r.PreviousKey, r.LastTreeSize))],
    };

    /// <summary>Indexes a rotation inside the transaction that stores its block.</summary>
    public static void Record(ILogStore store, long logId, KeyRotation rotation) =>
        store.RecordKeyRotation(logId, rotation.LeafIndex, rotation.LastTreeSize);

    /// <summary>Reads a log's rotations from the index and their entries.</summary>
    /// <exception cref="InvalidOperationException">An indexed entry is missing or not a valid rotation: the database is damaged.</exception>
    public static KeyHistory Load(ILogStore store, long logId)
    {
        var rotations = new List<KeyRotation>();
        foreach (var (leaf, size) in store.KeyRotations(logId))
        {
            var bytes = store.GetEntry(logId, leaf);
            var rotated = bytes is null ? null : LedgerEntry.Parser.ParseFrom(bytes).KeyRotated;
            if (rotated is null || !NoteVerifier.TryParse(rotated.PreviousVerifierKey, out var previous, out _)
                || !NoteVerifier.TryParse(rotated.NewVerifierKey, out var next, out _))
            {
                throw new InvalidOperationException($"leaf {leaf} of log {logId} is indexed as a key rotation but is none: the database is damaged");
            }
            rotations.Add(new KeyRotation(previous!, next!, leaf, size));
        }
        return new KeyHistory(rotations);
    }
}
