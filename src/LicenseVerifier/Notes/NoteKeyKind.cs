namespace Regional.LicenseVerifier.Notes;

/// <summary>What a note key signs: a plain note signature, or a timestamped witness cosignature.</summary>
/// <remarks>The kind is part of the key's signature type, so it changes the key ID: the same
/// cryptographic key under the same name has different IDs as a signer and as a cosigner.</remarks>
public enum NoteKeyKind
{
    /// <summary>A c2sp.org/signed-note signature over the note text (a log's checkpoint key).</summary>
    Signature = 0,

    /// <summary>A c2sp.org/tlog-cosignature cosignature/v1: a timestamped signature over
    /// "cosignature/v1\ntime T\n" followed by the checkpoint body (a witness key).</summary>
    Cosignature = 1,
}
