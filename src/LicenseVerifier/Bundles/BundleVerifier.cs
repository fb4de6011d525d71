using Google.Protobuf;
using Regional.LicenseVerifier.Digests;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>
/// Checks a <see cref="ProofBundle"/> offline, with only a <see cref="TrustPolicy"/>: the
/// checkpoint's issuer signature and witness quorum, the licence entry's inclusion, its status
/// entries, and optionally disclosed fields against the committed digests.
/// </summary>
/// <remarks>Pure and thread-safe; reads no clock (the caller passes <c>now</c>). Cost: one
/// signature check per issuer key tried and per cosignature, and O(log n) hashes per entry.</remarks>
public static class BundleVerifier
{
    /// <summary>Verifies a bundle; never throws for bad input, the result says what failed.</summary>
    /// <param name="bundle">The bundle to check.</param>
    /// <param name="policy">The trust policy.</param>
    /// <param name="now">The time to judge validity and freshness at; the caller reads its own clock.</param>
    /// <param name="disclosed">Fields to check against the committed digests.</param>
    /// <param name="maxStatusAge">How old the status proof may be; the policy's <see cref="TrustPolicy.MaxStatusAge"/> when null.</param>
    public static BundleCheck Verify(ProofBundle bundle, TrustPolicy policy, DateTimeOffset now, IReadOnlyList<DisclosedField>? disclosed = null, TimeSpan? maxStatusAge = null)
    {
        var passed = new List<string>();
        var log = policy.FindByOrigin(bundle.Origin);
        if (log is null)
        {
            return BundleCheck.Fail(BundleFailure.UnknownOrigin, $"origin '{bundle.Origin}' is not a log of the trust policy", passed);
        }
        if (bundle.Suite != policy.Suite.Id)
        {
            return BundleCheck.Fail(BundleFailure.SuiteMismatch, $"bundle suite {bundle.Suite}, federation suite {policy.Suite.Id}", passed);
        }
        var note = SignedNote.Parse(bundle.Checkpoint);
        var body = note.IsSuccess ? Checkpoint.ParseBody(note.Value!.Text) : default;
        if (!note.IsSuccess || !body.IsSuccess)
        {
            return BundleCheck.Fail(BundleFailure.MalformedCheckpoint, note.Error ?? body.Error!, passed);
        }
        var checkpoint = body.Value!;
        if (checkpoint.Origin != bundle.Origin || checkpoint.Size != bundle.TreeSize)
        {
            return BundleCheck.Fail(BundleFailure.CheckpointMismatch,
                $"checkpoint is for {checkpoint.Origin} size {checkpoint.Size}, bundle for {bundle.Origin} size {bundle.TreeSize}", passed);
        }
        passed.Add("checkpoint well formed");
        var issuer = log.CheckIssuer(note.Value!, checkpoint.Size);
        if (!issuer.IsValid)
        {
            return BundleCheck.Fail(issuer.Failure == NoteFailure.RetiredIssuerKey ? BundleFailure.RetiredIssuerKey : BundleFailure.IssuerSignature,
                $"{issuer.Failure}: {issuer.Detail}", passed);
        }
        passed.Add($"issuer signature of {log.Region}");
        var cosignatures = NoteVerification.VerifyCosignatures(note.Value!, policy.WitnessesFor(log));
        var counted = cosignatures.Verified.DistinctBy(c => c.Name).ToList();
        if (counted.Count < policy.WitnessQuorum)
        {
            var failed = cosignatures.Failed.Count > 0 ? $"; failed: {string.Join(", ", cosignatures.Failed.Select(f => $"{f.Name} ({f.Reason})"))}" : "";
            return BundleCheck.Fail(BundleFailure.TooFewCosignatures, $"{counted.Count} valid cosignatures, want {policy.WitnessQuorum}{failed}", passed);
        }
        passed.Add($"{counted.Count} witness cosignatures (quorum {policy.WitnessQuorum})");
        return CheckEntries(bundle, policy, log, checkpoint, now, disclosed ?? [], passed, counted, maxStatusAge ?? policy.MaxStatusAge);
    }

    private static BundleCheck CheckEntries(ProofBundle bundle, TrustPolicy policy, TrustedLog log, Checkpoint checkpoint,
        DateTimeOffset now, IReadOnlyList<DisclosedField> disclosed, List<string> passed, IReadOnlyList<WitnessCosignature> cosignatures, TimeSpan maxStatusAge)
    {
        var entry = TryParse(bundle.Entry);
        var (licenseId, validity, digests, version) = entry?.KindCase switch
        {
            LedgerEntry.KindOneofCase.LicenseIssued => (entry.LicenseIssued.LicenseId, entry.LicenseIssued.Validity, entry.LicenseIssued.FieldDigests, 1u),
            LedgerEntry.KindOneofCase.LicenseAmended => (entry.LicenseAmended.LicenseId, entry.LicenseAmended.Validity, entry.LicenseAmended.FieldDigests, entry.LicenseAmended.Version),
            _ => ((string?)null, (Validity?)null, (IReadOnlyList<FieldDigest>?)null, 0u),
        };
        if (entry is null || licenseId is null || entry.Region != log.Region || !LicenseStatusRules.IsValidValidity(validity))
        {
            return BundleCheck.Fail(BundleFailure.BadLeaf, "the entry is not a licence issued or amended in this region's log", passed);
        }
        if (InclusionProblem(policy, bundle.Entry, bundle.LeafIndex, bundle.InclusionPath, checkpoint) is { } pathProblem)
        {
            return BundleCheck.Fail(BundleFailure.BadPath, $"licence entry at leaf {bundle.LeafIndex}: {pathProblem}", passed);
        }
        passed.Add($"licence entry included at leaf {bundle.LeafIndex}");

        var status = LicenseStatus.Active;
        ulong? previous = null;
        foreach (var item in bundle.StatusEntries)
        {
            var change = TryParse(item.Entry)?.LicenseStatusChanged;
            if (change is null || change.LicenseId != licenseId || item.LeafIndex <= previous || !LicenseStatusRules.IsAllowedChange(status, change.Status))
            {
                return BundleCheck.Fail(BundleFailure.BadStatusEntry, $"status entry at leaf {item.LeafIndex} is not a later, allowed status change of {licenseId} (now {status})", passed);
            }
            if (InclusionProblem(policy, item.Entry, item.LeafIndex, item.InclusionPath, checkpoint) is { } problem)
            {
                return BundleCheck.Fail(BundleFailure.BadStatusEntry, $"status entry at leaf {item.LeafIndex}: {problem}", passed);
            }
            status = change.Status;
            previous = item.LeafIndex;
        }
        if (bundle.StatusEntries.Count > 0)
        {
            passed.Add($"{bundle.StatusEntries.Count} status entries included");
        }
        if (bundle.StatusProof is null)
        {
            return BundleCheck.Fail(BundleFailure.MissingStatusProof,
                "the bundle carries no status proof, so it cannot show that no later revocation was left out: refresh it from any region's node", passed);
        }
        var (proven, statusProblem) = StatusProofCheck.Check(policy.Suite, log.Region, checkpoint, bundle.StatusProof, licenseId);
        if (proven is null)
        {
            return BundleCheck.Fail(BundleFailure.BadStatusProof, statusProblem!, passed);
        }
        if (proven.AsOf - now > StatusAge.ClockSkew)
        {
            return BundleCheck.Fail(BundleFailure.BadStatusProof,
                $"the status is as of {proven.AsOf:u}, {StatusAge.Describe(proven.AsOf - now)} ahead of this machine's clock", passed);
        }
        var map = proven.Entry;
        var last = previous is { } p && p > bundle.LeafIndex ? p : bundle.LeafIndex;
        if (Disagreement(map, version, validity, status, bundle.LeafIndex, last) is { } disagreement)
        {
            return BundleCheck.Fail(BundleFailure.StatusProofDisagrees, $"status map entry of {licenseId}: {disagreement}", passed);
        }
        passed.Add($"status map entry proven as of {proven.AsOf:u} (StatusRoot at leaf {proven.RootLeaf})");

        var fields = disclosed.Count == 0 ? null : FieldDigests.Check(policy.Suite, digests!, disclosed);
        if (fields is not null)
        {
            passed.Add(fields.IsValid ? $"{disclosed.Count} disclosed fields match" : "disclosed fields checked");
        }
        var (verdict, detail) = LicenseStatusRules.Decide(map.Status, validity, fields?.IsValid ?? true, now);
        if (map.Version > version && verdict is VerificationStatus.Valid or VerificationStatus.Expired)
        {
            (verdict, detail) = (VerificationStatus.Superseded, $"this copy is version {version}; the licence was amended to version {map.Version} (leaf {map.LeafIndex}): get the current version");
        }
        var age = now - proven.AsOf;
        return new BundleCheck
        {
            StatusAsOf = proven.AsOf,
            IsStale = age > maxStatusAge,
            MaxStatusAge = maxStatusAge,
            CurrentVersion = map.Version > version ? map.Version : null,
            Failure = BundleFailure.None,
            Detail = detail,
            Status = verdict,
            LicenseId = licenseId,
            Region = log.Region,
            TreeSize = checkpoint.Size,
            Cosignatures = cosignatures,
            Fields = fields?.Fields ?? [],
            Passed = passed,
        };
    }

    /// <summary>How the map's entry disagrees with the bundle's licence entry (version <paramref name="version"/>) and
    /// status entries (giving <paramref name="status"/>, the latest at leaf <paramref name="last"/>); null when it agrees.
    /// A later version in the map is no disagreement: the bundle holds a superseded copy.</summary>
    private static string? Disagreement(StatusMapEntry map, uint version, Validity? validity, LicenseStatus status, ulong entryLeaf, ulong last)
    {
        if (map.Version < version)
        {
            return $"version {map.Version}, but the bundle's entry is version {version}";
        }
        if (map.Version > version)
        {
            return map.LeafIndex >= last && map.LeafIndex > entryLeaf ? null : $"version {map.Version} set at leaf {map.LeafIndex}, before the bundle's entries (leaf {last})";
        }
        if (map.LeafIndex != last)
        {
            return $"state set at leaf {map.LeafIndex}, but the bundle's latest entry for the licence is leaf {last}";
        }
        if (map.Status != status)
        {
            return $"status {map.Status}, but the bundle's entries give {status}";
        }
        return Equals(map.NotAfter, validity?.NotAfter) ? null : "validity end differs from the licence entry's";
    }

    private static string? InclusionProblem(TrustPolicy policy, ByteString entry, ulong leafIndex, IReadOnlyList<ByteString> path, Checkpoint checkpoint)
    {
        var proof = path.Select(p => p.ToByteArray()).ToArray();
        var check = MerkleTree.VerifyInclusion(policy.Suite, leafIndex, checkpoint.Size, policy.Suite.HashLeaf(entry.Span), proof, checkpoint.RootHash.Span);
        return check.IsValid ? null : check.ToString();
    }

    private static LedgerEntry? TryParse(ByteString bytes)
    {
        try
        {
            return LedgerEntry.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
