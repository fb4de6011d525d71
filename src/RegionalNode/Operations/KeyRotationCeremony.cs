using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Ledger;
using Regional.Node.Security;
using Regional.Node.Storage;
using Regional.Provisioning;
using Regional.V1;

namespace Regional.Node.Operations;

/// <summary>What a key rotation did: the block that records it and both keys.</summary>
internal sealed record RotationResult(ulong Height, ulong TreeSize, NoteVerifier PreviousKey, NoteVerifier NewKey, string KeyFile);

/// <summary>
/// Rotates the own log's signing key, with the node stopped: makes a new key of the same suite,
/// writes it owner-only as signing-&lt;key id&gt;.key, then seals one block holding a KeyRotated entry
/// (the old key's endorsement of the new one) whose checkpoint the OLD key signs, in one
/// transaction. From the next block on the node signs with the new key.
/// </summary>
/// <remarks>Crash safety: the log alone says which key is current (its last KeyRotated entry) and
/// key files are found by key ID, so a crash after the key file is written but before the commit
/// leaves an unused file and the old key current; a crash after the commit leaves the new key,
/// already on disk, current.</remarks>
internal static class KeyRotationCeremony
{
    public static RotationResult Rotate(IStoreSession session, OwnLog log, SigningKeyStore keys, string signingKeyPath, DateTimeOffset now)
    {
        var previous = NoteSigner.Create(log.Origin, keys.LoadCurrent(log.State.Keys.Current));
        var key = PrivateKey.Generate(log.Suite.SignatureAlgorithm);
        var next = NoteVerifier.Create(log.Origin, key.PublicKey);
        var file = SigningKeyStore.RotatedKeyPath(signingKeyPath, next);
        OwnerOnlyFile.WriteNew(file, KeyFile.Format(key));

        var command = new RotateCommand(KeyRotation.Endorse(previous, next), previous.Verifier, next);
        var sealer = new BlockSealer(log.Suite, log.Region, log.Origin, previous);
        var result = sealer.Seal(session, log.State, [command], now);
        var rotation = command.Completion.GetAwaiter().GetResult().Value; // completed or failed by Seal
        if (result.Block is null)
        {
            throw new InvalidOperationException("the rotation block was not sealed");
        }
        return new RotationResult(result.Block.Height, rotation.LastTreeSize, previous.Verifier, next, file);
    }

    /// <summary>Appends the KeyRotated entry and indexes it, inside the block's transaction.</summary>
    private sealed class RotateCommand(KeyRotated rotated, NoteVerifier previous, NoteVerifier next) : LedgerCommand<KeyRotation>
    {
        protected override KeyRotation Run(SealingContext context)
        {
            var leaf = context.Append(new LedgerEntry { KeyRotated = rotated });
            // Alone in its block, so the block's checkpoint (the old key's last) is at size leaf + 1.
            var rotation = new KeyRotation(previous, next, leaf, leaf + 1);
            KeyHistory.Record(context.Session.Log, context.LogId, rotation);
            return rotation;
        }
    }
}
