using System.Globalization;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `million`: issues up to --count licences (default 1,000,000) within --max-minutes (default 15),
/// then reports what a big log costs: node RSS and peak RSS, database size, and the latency of
/// single calls (concurrency 1, so the figure is the server's work plus one round trip, which the
/// Health/Check line gives): inclusion proofs for random leaves, each checked against the
/// checkpoint root, and VerifyLicense of random licences from the whole log.
/// </summary>
internal static class MillionBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var count = arguments.Int("count", 1_000_000);
        var concurrency = arguments.Int("concurrency", 1024);
        var budget = TimeSpan.FromMinutes(arguments.Int("max-minutes", 15));
        var probe = arguments.Seconds("probe-seconds", 20);
        var probeCalls = arguments.Int("probe-calls", 10_000);
        await using var node = await NodeProcess.StartAsync(arguments);
        var licences = new LicenseService.LicenseServiceClient(node.Channel);
        var ledger = new LedgerService.LedgerServiceClient(node.Channel);
        var sample = new IdSample(10_000);

        var issued = (await LoadRunner.RunAsync(node, "IssueLicense", concurrency, budget, count, r => Licences.IssueAsync(licences, sample, r),
            (done, elapsed) => Progress(node, done, elapsed))).RequireNoErrors();
        var status = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var (rss, peak) = Machine.Memory(node.Pid);
        var bytes = Machine.FileSizes(node.DatabasePath);

        var suite = Suite.FromName("gm")!;
        var size = status.TreeSize;
        var root = status.Checkpoint.RootHash.ToByteArray();
        var invoker = node.Channel.CreateCallInvoker();
        var probes = new (string Name, Func<Random, Task<bool>> Call)[]
        {
            ("Health/Check (round trip)", _ => RawHealth.IsServingAsync(invoker)),
            ("GetInclusionProof random leaf", r => ProofAsync(ledger, suite, size, root, (ulong)r.NextInt64((long)size))),
            ("VerifyLicense status, random licence", r => VerifyBenchmark.IsValidAsync(licences, new VerifyLicenseRequest { LicenseId = sample.Pick(r) })),
            ("GetStatusProof random licence, checked", r => StatusProofAsync(licences, suite, sample.Pick(r))),
        };
        var results = new List<LoadResult>();
        foreach (var (name, call) in probes)
        {
            await LoadRunner.RunAsync(node, "warm-up", 1, TimeSpan.FromSeconds(2), 500, call);
            results.Add((await LoadRunner.RunAsync(node, name, 1, probe, probeCalls, call)).RequireNoErrors());
        }

        var (proofBytes, pathLength, checkMicroseconds) = await StatusProofSizesAsync(licences, suite, sample, 1000);

        Console.WriteLine(LoadResult.Header);
        Console.WriteLine(issued.Row());
        results.ForEach(r => Console.WriteLine(r.Row()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | Figure | Value |
            |---|---:|
            | licences issued / tree size / blocks | {issued.Calls:N0} / {size:N0} / {status.Height + 1:N0} |
            | issuance time, rate | {issued.Elapsed.TotalMinutes:F1} min, {issued.Rate:N0} licences/s |
            | node VmRSS / VmHWM after issuance | {rss:F0} MiB / {peak:F0} MiB |
            | database (ledger.db + -wal + -shm) | {bytes / 1048576.0:N0} MiB ({(double)bytes / size:F0} B per leaf) |
            | status proof (map entry, map path, StatusRoot entry and its inclusion), protobuf | {proofBytes:F0} B mean over 1,000 random licences |
            | map path length | {pathLength:F1} hashes mean (log2 of the licences: {Math.Log2(issued.Calls):F1}) |
            | offline check of a status proof (StatusProofCheck, in this process, one thread) | {checkMicroseconds:F0} us mean |
            | load average at the end (1/5/15 min) | {Machine.LoadAverage()} |
            """));
    }

    private static async Task<bool> ProofAsync(LedgerService.LedgerServiceClient ledger, Suite suite, ulong size, byte[] root, ulong leaf)
    {
        var response = await ledger.GetInclusionProofAsync(new GetInclusionProofRequest { LeafIndex = leaf, TreeSize = size });
        var hashes = response.Proof.Hashes.Select(h => h.ToByteArray()).ToArray();
        return MerkleTree.VerifyInclusion(suite, leaf, size, suite.HashLeaf(response.Entry.Span), hashes, root).IsValid;
    }

    private static async Task<bool> StatusProofAsync(LicenseService.LicenseServiceClient licences, Suite suite, string licenseId)
    {
        var bundle = (await licences.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = licenseId })).Proof;
        var checkpoint = Checkpoint.ParseBody(SignedNote.Parse(bundle.Checkpoint).Value!.Text).Value!;
        return StatusProofCheck.Check(suite, "bj", checkpoint, bundle.StatusProof, licenseId).Proven is not null;
    }

    /// <summary>Mean size of a status proof, its map path length, and the time to check one offline.</summary>
    private static async Task<(double Bytes, double PathLength, double CheckMicroseconds)> StatusProofSizesAsync(
        LicenseService.LicenseServiceClient licences, Suite suite, IdSample sample, int count)
    {
        var random = new Random(14);
        var proofs = new List<(string Id, ProofBundle Bundle, Checkpoint Checkpoint)>(count);
        for (var i = 0; i < count; i++)
        {
            var id = sample.Pick(random);
            var bundle = (await licences.GetStatusProofAsync(new GetStatusProofRequest { LicenseId = id })).Proof;
            proofs.Add((id, bundle, Checkpoint.ParseBody(SignedNote.Parse(bundle.Checkpoint).Value!.Text).Value!));
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (id, bundle, checkpoint) in proofs)
        {
            if (StatusProofCheck.Check(suite, "bj", checkpoint, bundle.StatusProof, id).Proven is null)
            {
                throw new BenchmarkException($"the status proof of {id} does not hold");
            }
        }
        var micros = watch.Elapsed.TotalMicroseconds / count;
        return (proofs.Average(p => p.Bundle.StatusProof.CalculateSize()), proofs.Average(p => p.Bundle.StatusProof.MapPath.Count), micros);
    }

    private static void Progress(NodeProcess node, long done, TimeSpan elapsed)
    {
        var (rss, _) = Machine.Memory(node.Pid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"#   {elapsed.TotalMinutes:F1} min: {done:N0} issued ({done / elapsed.TotalSeconds:N0}/s), node RSS {rss:F0} MiB, db {Machine.FileSizes(node.DatabasePath) / 1048576.0:N0} MiB, load {Machine.LoadAverage()}"));
    }
}
