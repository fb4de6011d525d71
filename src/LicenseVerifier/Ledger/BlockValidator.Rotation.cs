using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>Key rotation: how a block's KeyRotated entry moves the mirror to the new key.</summary>
public static partial class BlockValidator
{
    /// <summary>Checks the block's KeyRotated entry, if any, against the key that signed its
    /// checkpoint, and moves the position's key to the new one.</summary>
    private static BlockCheck WithRotation(BlockCheck check, MirrorPosition position, NoteVerifier signer)
    {
        var header = check.Header!;
        KeyRotation? rotation = null;
        for (var i = 0; i < check.Entries.Count; i++)
        {
            if (check.Entries[i].KindCase != LedgerEntry.KindOneofCase.KeyRotated)
            {
                continue;
            }
            var leaf = header.FirstLeafIndex + (ulong)i;
            var rotated = check.Entries[i].KeyRotated;
            if (rotation is not null)
            {
                return new(BlockFailure.InvalidEntry, $"leaf {leaf}: a second key rotation in block {header.Height}; want at most one per block");
            }
            if (rotated.PreviousVerifierKey != signer.VerifierKey)
            {
                return new(BlockFailure.InvalidEntry,
                    $"leaf {leaf}: key rotation names previous key {rotated.PreviousVerifierKey}, but block {header.Height} is signed by {signer.VerifierKey}");
            }
            if (!KeyRotation.IsEndorsedBy(rotated, signer))
            {
                return new(BlockFailure.InvalidEntry, $"leaf {leaf}: key rotation's endorsement of the new key does not verify with the previous key {signer.VerifierKey}");
            }
            if (!NoteVerifier.TryParse(rotated.NewVerifierKey, out var next, out var error))
            {
                return new(BlockFailure.InvalidEntry, $"leaf {leaf}: key rotation: {error}"); // EntryRules refuses it first
            }
            rotation = new KeyRotation(signer, next!, leaf, header.TreeSize);
        }
        return check with
        {
            Rotation = rotation,
            Next = check.Next! with { IssuerKey = rotation?.NewKey ?? position.IssuerKey },
        };
    }
}
