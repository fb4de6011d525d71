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
    public static BundleCheck Verify(ProofBundle bundle, TrustPolicy policy, DateTimeOffset now, IReadOnlyList<DisclosedField>? disclosed = null)
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
        return CheckEntries(bundle, policy, log, checkpoint, now, disclosed ?? [], passed, counted);
    }

    private static BundleCheck CheckEntries(ProofBundle bundle, TrustPolicy policy, TrustedLog log, Checkpoint checkpoint,
        DateTimeOffset now, IReadOnlyList<DisclosedField> disclosed, List<string> passed, IReadOnlyList<WitnessCosignature> cosignatures)
    {
        var entry = TryParse(bundle.Entry);
        var (licenseId, validity, digests) = entry?.KindCase switch
        {
            LedgerEntry.KindOneofCase.LicenseIssued => (entry.LicenseIssued.LicenseId, entry.LicenseIssued.Validity, entry.LicenseIssued.FieldDigests),
            LedgerEntry.KindOneofCase.LicenseAmended => (entry.LicenseAmended.LicenseId, entry.LicenseAmended.Validity, entry.LicenseAmended.FieldDigests),
            _ => ((string?)null, (Validity?)null, (IReadOnlyList<FieldDigest>?)null),
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

        var fields = disclosed.Count == 0 ? null : FieldDigests.Check(policy.Suite, digests!, disclosed);
        if (fields is not null)
        {
            passed.Add(fields.IsValid ? $"{disclosed.Count} disclosed fields match" : "disclosed fields checked");
        }
        var (verdict, detail) = LicenseStatusRules.Decide(status, validity, fields?.IsValid ?? true, now);
        return new BundleCheck
        {
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
