namespace Regional.LicenseVerifier.Notes;

/// <summary>What was wrong with a signed note, from the issuer's point of view.</summary>
public enum NoteFailure
{
    /// <summary>Nothing was checked: the zero value of the enum, never a success (see <see cref="NoteCheck.IsValid"/>).</summary>
    NotChecked,

    /// <summary>The note carries a valid issuer signature and no failing known signature.</summary>
    None,

    /// <summary>The note text form is not a valid signed note (see <see cref="NoteCheck.Detail"/>).</summary>
    Malformed,

    /// <summary>No signature by the issuer's (name, key ID); unknown keys were ignored.</summary>
    MissingIssuerSignature,

    /// <summary>A signature with the issuer's (name, key ID) does not verify: the note is rejected.</summary>
    BadIssuerSignature,

    /// <summary>A signature by another known key does not verify: the note is rejected.</summary>
    BadKnownSignature,

    /// <summary>Validly signed, but by a retired key of the issuer for a tree size beyond the last
    /// one that key may sign (a key rotation moved the log to a newer key).</summary>
    RetiredIssuerKey,
}

/// <summary>The result of checking a note's issuer signature.</summary>
/// <param name="Failure">What failed, or <see cref="NoteFailure.None"/>.</param>
/// <param name="Detail">A human-readable explanation naming the key or the syntax error; null on success.</param>
/// <remarks>Immutable.</remarks>
public sealed record NoteCheck(NoteFailure Failure, string? Detail)
{
    /// <summary>The successful check.</summary>
    public static NoteCheck Valid { get; } = new(NoteFailure.None, null);

    /// <summary>Whether the note may be trusted as signed by the issuer.</summary>
    public bool IsValid => Failure == NoteFailure.None;

    /// <summary>The trusted key whose valid signature the check accepted, when the check says
    /// (<see cref="Bundles.TrustedLog.CheckIssuer"/> does); otherwise null.</summary>
    public NoteVerifier? Signer { get; init; }
}
