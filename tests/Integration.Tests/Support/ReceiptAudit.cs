using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Integration.Tests.Support;

/// <summary>What an IssueLicense call that returned promised: the licence id and where it landed.</summary>
internal sealed record IssueReceipt(string LicenseId, ulong LeafIndex, ulong BlockHeight, ulong CheckpointSize, byte[] CheckpointRoot)
{
    public static IssueReceipt From(IssueLicenseResponse response) => new(response.LicenseId, response.Receipt.LeafIndex,
        response.Receipt.BlockHeight, response.Receipt.Checkpoint.TreeSize, response.Receipt.Checkpoint.RootHash.ToByteArray());
}

/// <summary>
/// Checks acknowledged licences against a node and its re-verified log. Against the log (all receipts,
/// no calls): the leaf holds the licence's LicenseIssued entry and the block at the receipt's height
/// carries the receipt's checkpoint. Against the node (the receipts given): VerifyLicense answers VALID;
/// GetInclusionProof for the leaf verifies against the log's current root; and the receipt's checkpoint
/// is consistent with the current one (GetConsistencyProof, one per distinct checkpoint size); and
/// GetStatusProof gives a proof that holds and the entry the status map rebuilt from the log has.
/// </summary>
internal static class ReceiptAudit
{
    public static List<string> AgainstLog(AuditedLog log, IEnumerable<IssueReceipt> receipts)
    {
        var problems = new List<string>();
        foreach (var receipt in receipts)
        {
            if (receipt.LeafIndex >= log.TreeSize || log.IssuedIds[(int)receipt.LeafIndex] != receipt.LicenseId)
            {
                problems.Add($"{receipt.LicenseId}: leaf {receipt.LeafIndex} of {log.TreeSize} does not issue it");
            }
            else if (receipt.BlockHeight >= (ulong)log.Headers.Count
                || log.Headers[(int)receipt.BlockHeight].TreeSize != receipt.CheckpointSize
                || !log.Headers[(int)receipt.BlockHeight].RootHash.Span.SequenceEqual(receipt.CheckpointRoot))
            {
                problems.Add($"{receipt.LicenseId}: block {receipt.BlockHeight} does not carry its checkpoint of size {receipt.CheckpointSize}");
            }
        }
        return problems;
    }

    public static async Task<List<string>> AgainstNodeAsync(NodeClient node, Suite suite, AuditedLog log, IReadOnlyList<IssueReceipt> receipts)
    {
        var problems = new List<string>();
        var root = log.Root(suite);
        await Parallel.ForEachAsync(receipts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (receipt, token) =>
        {
            var verified = await node.VerifyAsync(receipt.LicenseId);
            var status = (await node.Licenses.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = receipt.LicenseId }, cancellationToken: token)).Proof;
            var body = Checkpoint.ParseBody(SignedNote.Parse(status.Checkpoint).Value!.Text).Value!;
            var (proven, statusProblem) = StatusProofCheck.Check(suite, node.Region, body, status.StatusProof, receipt.LicenseId);
            var rebuilt = LicenseStatusMap.Prove(suite, log.StatusMap, receipt.LicenseId).Entry;
            var inclusion = await node.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { TreeSize = log.TreeSize, LeafIndex = receipt.LeafIndex }, cancellationToken: token);
            var check = MerkleTree.VerifyInclusion(suite, receipt.LeafIndex, log.TreeSize, suite.HashLeaf(inclusion.Entry.Span),
                [.. inclusion.Proof.Hashes.Select(h => h.ToByteArray())], root);
            lock (problems)
            {
                Add(problems, verified.Status == VerificationStatus.Valid, $"{receipt.LicenseId}: VerifyLicense {verified.Status} {verified.Detail}");
                Add(problems, check.IsValid, $"{receipt.LicenseId}: inclusion of leaf {receipt.LeafIndex} in {log.TreeSize}: {check.Detail}");
                Add(problems, proven is not null && proven.Entry.Equals(rebuilt),
                    $"{receipt.LicenseId}: the node's status proof ({statusProblem ?? proven!.Entry.ToString()}) is not the entry of the map rebuilt from the log ({rebuilt})");
            }
        });
        foreach (var group in receipts.GroupBy(r => r.CheckpointSize))
        {
            var first = group.First();
            Add(problems, group.All(r => r.CheckpointRoot.AsSpan().SequenceEqual(first.CheckpointRoot)), $"two roots acknowledged for size {group.Key}");
            var proof = await node.Ledger.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = group.Key, SecondSize = log.TreeSize });
            var check = MerkleTree.VerifyConsistency(suite, group.Key, log.TreeSize, first.CheckpointRoot, root, [.. proof.Proof.Hashes.Select(h => h.ToByteArray())]);
            Add(problems, check.IsValid, $"checkpoint {group.Key} not consistent with {log.TreeSize}: {check.Detail}");
        }
        return problems;
    }

    private static void Add(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
