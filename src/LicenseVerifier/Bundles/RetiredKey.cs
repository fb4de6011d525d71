using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>A log signing key that a key rotation retired: it stays valid for the checkpoints it
/// signed before, up to and including <paramref name="LastTreeSize"/>, and is refused beyond.</summary>
/// <param name="Key">The retired signature key, named for the log's origin.</param>
/// <param name="LastTreeSize">The tree size of the checkpoint of the block holding the KeyRotated
/// entry: the last checkpoint this key signed.</param>
public sealed record RetiredKey(NoteVerifier Key, ulong LastTreeSize);
