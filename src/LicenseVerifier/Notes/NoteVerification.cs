using System.Buffers.Binary;

namespace Regional.LicenseVerifier.Notes;

/// <summary>Checks signed notes against trusted keys, following c2sp.org/signed-note: signatures
/// by unknown keys are ignored (even if they share a name or a key ID, but not both, with a known
/// key); a known key's signature that fails rejects the whole note.</summary>
/// <remarks>Stateless and thread-safe. Each call verifies signatures afresh (SM2: ~1 ms each):
/// callers should verify once per checkpoint and cache the result.</remarks>
public static class NoteVerification
{
    /// <summary>Parses note text strictly, then checks it as <see cref="VerifyIssuer(SignedNote, NoteVerifier, IReadOnlyCollection{NoteVerifier})"/>.</summary>
    public static NoteCheck VerifyIssuer(string note, NoteVerifier issuer, IReadOnlyCollection<NoteVerifier>? otherKnownKeys = null)
    {
        var parsed = SignedNote.Parse(note);
        return parsed.IsSuccess
            ? VerifyIssuer(parsed.Value!, issuer, otherKnownKeys ?? [])
            : new NoteCheck(NoteFailure.Malformed, parsed.Error);
    }

    /// <summary>Whether note carries a valid signature by issuer and no failing signature by issuer.</summary>
    public static NoteCheck VerifyIssuer(SignedNote note, NoteVerifier issuer) => VerifyIssuer(note, issuer, []);

    /// <summary>Whether note carries a valid signature by issuer, and every signature by issuer or
    /// by one of otherKnownKeys (e.g. the federation's witnesses) verifies.</summary>
    public static NoteCheck VerifyIssuer(SignedNote note, NoteVerifier issuer, IReadOnlyCollection<NoteVerifier> otherKnownKeys)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(otherKnownKeys);
        var issuerSeen = false;
        NoteCheck? badKnown = null;
        foreach (var signature in note.Signatures)
        {
            var isIssuer = Matches(issuer, signature);
            var known = isIssuer ? issuer : otherKnownKeys.FirstOrDefault(k => Matches(k, signature));
            if (known is null)
            {
                continue;
            }
            if (!known.Verify(note.Text, signature.Signature.Span, out _))
            {
                if (isIssuer)
                {
                    return new NoteCheck(NoteFailure.BadIssuerSignature, $"the signature of issuer {Describe(issuer)} does not verify");
                }
                badKnown ??= new NoteCheck(NoteFailure.BadKnownSignature, $"the signature of known key {Describe(known)} does not verify");
            }
            issuerSeen |= isIssuer;
        }
        return badKnown
            ?? (issuerSeen ? NoteCheck.Valid : new NoteCheck(NoteFailure.MissingIssuerSignature, $"no signature by issuer {Describe(issuer)}"));
    }

    /// <summary>The cosignatures of note (a checkpoint) by each known witness key.</summary>
    /// <exception cref="ArgumentException">A witness key is not a cosignature key.</exception>
    public static CosignatureCheck VerifyCosignatures(SignedNote note, IReadOnlyCollection<NoteVerifier> witnesses)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(witnesses);
        if (witnesses.FirstOrDefault(w => w.Kind != NoteKeyKind.Cosignature) is { } notWitness)
        {
            throw new ArgumentException($"{Describe(notWitness)} is not a cosignature key", nameof(witnesses));
        }
        var unique = witnesses.DistinctBy(w => (w.Name, w.KeyId)).ToList();
        var verified = new List<WitnessCosignature>();
        var failed = new List<CosignatureFailure>();
        foreach (var signature in note.Signatures)
        {
            if (unique.FirstOrDefault(w => Matches(w, signature)) is not { } witness)
            {
                continue;
            }
            if (CosignatureError(witness, note.Text, signature.Signature.Span, out var time) is { } reason)
            {
                failed.Add(new CosignatureFailure(witness.Name, witness.KeyId, reason));
            }
            else
            {
                verified.Add(new WitnessCosignature(witness.Name, witness.KeyId, time));
            }
        }
        var missing = unique.Where(w => !note.Signatures.Any(s => Matches(w, s))).Select(w => w.Name).ToList();
        return new CosignatureCheck(verified.AsReadOnly(), failed.AsReadOnly(), missing.AsReadOnly());
    }

    private static string? CosignatureError(NoteVerifier witness, string body, ReadOnlySpan<byte> signature, out DateTimeOffset time)
    {
        time = default;
        if (signature.Length <= sizeof(ulong))
        {
            return $"got {signature.Length} signature bytes, want an 8-byte timestamp and a signature";
        }
        if (BinaryPrimitives.ReadUInt64BigEndian(signature) > long.MaxValue)
        {
            return "the timestamp exceeds 2^63-1";
        }
        if (!witness.Verify(body, signature, out var seconds))
        {
            return "the cosignature does not verify";
        }
        return Cosigner.TryToTime(seconds, out time) ? null : $"the timestamp {seconds} is beyond year 9999";
    }

    private static bool Matches(NoteVerifier key, NoteSignature signature) =>
        key.Name == signature.KeyName && key.KeyId == signature.KeyId;

    private static string Describe(NoteVerifier key) => $"{key.Name}+{NoteText.FormatKeyId(key.KeyId)}";
}
