namespace Regional.LicenseVerifier.Notes;

/// <summary>A verified witness cosignature.</summary>
/// <param name="Name">The witness key name.</param>
/// <param name="KeyId">The witness key ID.</param>
/// <param name="Time">The cosigned time (whole seconds, UTC).</param>
public sealed record WitnessCosignature(string Name, uint KeyId, DateTimeOffset Time);

/// <summary>A cosignature by a known witness key that did not verify.</summary>
/// <param name="Name">The witness key name.</param>
/// <param name="KeyId">The witness key ID.</param>
/// <param name="Reason">Why it failed.</param>
public sealed record CosignatureFailure(string Name, uint KeyId, string Reason);

/// <summary>The cosignatures of a note by a set of known witness keys.</summary>
/// <remarks>Immutable. Signatures by unknown keys are ignored and appear nowhere. A caller applying
/// a witness policy counts <see cref="Verified"/>; <see cref="Failed"/> is evidence of a forged or
/// corrupted cosignature and should be reported.</remarks>
public sealed class CosignatureCheck
{
    internal CosignatureCheck(IReadOnlyList<WitnessCosignature> verified, IReadOnlyList<CosignatureFailure> failed, IReadOnlyList<string> missing)
    {
        Verified = verified;
        Failed = failed;
        Missing = missing;
    }

    /// <summary>Known witnesses whose cosignature verified, in note order, with their times.</summary>
    public IReadOnlyList<WitnessCosignature> Verified { get; }

    /// <summary>Known witnesses whose cosignature is present but does not verify.</summary>
    public IReadOnlyList<CosignatureFailure> Failed { get; }

    /// <summary>Names of known witnesses with no cosignature in the note.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Whether every present cosignature by a known witness verified.</summary>
    public bool AllPresentValid => Failed.Count == 0;

    /// <summary>The verified cosignature of witness, or null.</summary>
    public WitnessCosignature? For(NoteVerifier witness)
    {
        ArgumentNullException.ThrowIfNull(witness);
        return Verified.FirstOrDefault(c => c.Name == witness.Name && c.KeyId == witness.KeyId);
    }
}
