using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>What a status proof established: the licence's map entry, and the time it is as of.</summary>
/// <param name="Entry">The licence's entry in the status map committed by the checkpoint.</param>
/// <param name="AsOf">The StatusRoot entry's recorded_at.</param>
/// <param name="RootLeaf">The StatusRoot entry's leaf index (the checkpoint's last leaf).</param>
public sealed record StatusProven(StatusMapEntry Entry, DateTimeOffset AsOf, ulong RootLeaf);

/// <summary>
/// Checks a <see cref="StatusProof"/> against a verified checkpoint: the StatusRoot entry is the
/// checkpoint's last leaf, of the log's region, and included; the licence's map path leads to its root.
/// </summary>
/// <remarks>Pure and thread-safe; never throws for hostile input.</remarks>
public static class StatusProofCheck
{
    /// <summary>The proven map entry of <paramref name="licenseId"/>, or the problem.</summary>
    public static (StatusProven? Proven, string? Problem) Check(Suite suite, string region, Checkpoint checkpoint, StatusProof proof, string licenseId)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (RootProblem(suite, region, checkpoint, proof.RootEntry, out var root, out var asOf) is { } problem)
        {
            return (null, problem);
        }
        if (proof.Entry is not { } entry || entry.LicenseId != licenseId)
        {
            return (null, $"the status proof is not about {licenseId}");
        }
        byte[] value;
        try
        {
            value = StatusMapHashing.Encode(entry);
        }
        catch (ArgumentException ex)
        {
            return (null, $"the status map entry is malformed: {ex.Message}");
        }
        if (entry.LeafIndex >= checkpoint.Size || !LicenseStatusRules.IsValidTimestamp(entry.NotAfter))
        {
            return (null, "the status map entry names a leaf beyond the checkpoint or an out-of-range validity end");
        }
        var path = new StatusMapProof([.. proof.MapPath.Select(p => p.ToByteArray())], value);
        if (path.Problem(suite, root, StatusMapHashing.Key(suite, licenseId)) is { } mapProblem)
        {
            return (null, $"status map path of {licenseId}: {mapProblem}");
        }
        return (new StatusProven(entry, asOf, proof.RootEntry.LeafIndex), null);
    }

    /// <summary>Checks that a proof shows a licence absent from the map committed by the checkpoint.</summary>
    public static (DateTimeOffset? AsOf, string? Problem) CheckAbsent(Suite suite, string region, Checkpoint checkpoint, StatusProof proof, string licenseId)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (RootProblem(suite, region, checkpoint, proof.RootEntry, out var root, out var asOf) is { } problem)
        {
            return (null, problem);
        }
        if (proof.Entry is not null)
        {
            return (null, "a proof of absence carries a map entry");
        }
        var path = new StatusMapProof([.. proof.MapPath.Select(p => p.ToByteArray())], null,
            proof.OtherKey.IsEmpty ? null : proof.OtherKey.ToByteArray(), proof.OtherValueHash.IsEmpty ? null : proof.OtherValueHash.ToByteArray());
        return path.Problem(suite, root, StatusMapHashing.Key(suite, licenseId)) is { } mapProblem
            ? (null, $"status map path of {licenseId}: {mapProblem}")
            : (asOf, null);
    }

    private static string? RootProblem(Suite suite, string region, Checkpoint checkpoint, EntryInclusion? rootEntry, out byte[] root, out DateTimeOffset asOf)
    {
        root = [];
        asOf = default;
        if (rootEntry is null || checkpoint.Size == 0 || rootEntry.LeafIndex != checkpoint.Size - 1)
        {
            return $"the StatusRoot entry must be the checkpoint's last leaf ({(checkpoint.Size == 0 ? "none" : checkpoint.Size - 1)}), got leaf {rootEntry?.LeafIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
        }
        LedgerEntry? entry;
        try
        {
            entry = LedgerEntry.Parser.ParseFrom(rootEntry.Entry);
        }
        catch (InvalidProtocolBufferException)
        {
            entry = null;
        }
        if (entry?.StatusRoot is not { } statusRoot || entry.Region != region || statusRoot.Root.Length != Suite.HashSize
            || entry.RecordedAt is null || !LicenseStatusRules.IsValidTimestamp(entry.RecordedAt))
        {
            return $"leaf {rootEntry.LeafIndex} is not a StatusRoot entry of region {region} with a time";
        }
        var inclusion = MerkleTree.VerifyInclusion(suite, rootEntry.LeafIndex, checkpoint.Size, suite.HashLeaf(rootEntry.Entry.Span),
            [.. rootEntry.InclusionPath.Select(p => p.ToByteArray())], checkpoint.RootHash.Span);
        if (!inclusion.IsValid)
        {
            return $"StatusRoot entry at leaf {rootEntry.LeafIndex}: {inclusion}";
        }
        root = statusRoot.Root.ToByteArray();
        asOf = entry.RecordedAt.ToDateTimeOffset();
        return null;
    }
}
