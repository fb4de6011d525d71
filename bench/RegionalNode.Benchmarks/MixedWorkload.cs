using System.Collections.Concurrent;
using System.Diagnostics;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// The calls of the mixed load on a running federation (bj, tj, he). Each call goes to a random region's
/// node: verifications of seeded licences of any region (two in three are another region's, answered
/// from the node's mirror) must answer VALID; presented documents were downloaded from their issuer
/// while seeding; a licence is issued in the node's own region and later revoked there. Seeded
/// licences are never revoked, so every expected answer is known.
/// </summary>
internal sealed class MixedWorkload
{
    public static readonly string[] Regions = ["bj", "tj", "he"];

    private readonly LicenseService.LicenseServiceClient[] _clients;
    private readonly List<string> _verifiable = [];
    private readonly List<VerifyLicenseRequest> _presented = [];
    private readonly ConcurrentQueue<string>[] _revocable = [new(), new(), new()];

    private MixedWorkload(FederationProcesses federation)
    {
        _clients = [.. Regions.Select(r => new LicenseService.LicenseServiceClient(federation[r].Channel))];
    }

    /// <summary>Issues <paramref name="perRegion"/> licences to verify and as many to revoke in each
    /// region, downloads <paramref name="presented"/> documents per region, and waits until every node's
    /// mirrors hold the other regions' logs.</summary>
    public static async Task<MixedWorkload> SeedAsync(FederationProcesses federation, int perRegion, int presented)
    {
        var workload = new MixedWorkload(federation);
        for (var r = 0; r < Regions.Length; r++)
        {
            var ids = new ConcurrentBag<string>();
            var node = federation[Regions[r]];
            var client = workload._clients[r];
            var region = Regions[r];
            (await LoadRunner.RunAsync(node, $"seed {region}", 128, TimeSpan.FromMinutes(5), 2L * perRegion,
                async _ =>
                {
                    ids.Add((await client.IssueLicenseAsync(Licences.BusinessLicence(region))).LicenseId);
                    return true;
                })).RequireNoErrors();
            var all = ids.ToArray();
            workload._verifiable.AddRange(all[..perRegion]);
            foreach (var id in all[perRegion..])
            {
                workload._revocable[r].Enqueue(id);
            }
            var documents = await Task.WhenAll(all.Take(presented).Select(id => VerifyBenchmark.PresentedDocumentAsync(client, id)));
            workload._presented.AddRange(documents);
        }
        await MirrorsCaughtUpAsync(federation, TimeSpan.FromMinutes(2));
        return workload;
    }

    /// <summary>One call of the operation; null when the answer was right, else what was wrong.</summary>
    public async Task<string?> CallAsync(Operation operation)
    {
        var random = Random.Shared;
        var region = random.Next(Regions.Length);
        var client = _clients[region];
        switch (operation)
        {
            case Operation.VerifyById:
                var byId = await client.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = _verifiable[random.Next(_verifiable.Count)] });
                return byId.Status == VerificationStatus.Valid ? null : $"Verify{byId.Status}";
            case Operation.VerifyDisclosed:
                var presented = await client.VerifyLicenseAsync(_presented[random.Next(_presented.Count)]);
                return presented.Status == VerificationStatus.Valid && presented.FieldChecks.All(f => f.Matches) ? null : $"Verify{presented.Status}";
            case Operation.Issue:
                var issued = await client.IssueLicenseAsync(Licences.BusinessLicence(Regions[region]));
                _revocable[region].Enqueue(issued.LicenseId);
                return issued.Receipt is null ? "NoReceipt" : null;
            case Operation.Revoke:
                if (!_revocable[region].TryDequeue(out var id))
                {
                    return "NothingToRevoke";
                }
                var changed = await client.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
                {
                    LicenseId = id,
                    Status = LicenseStatus.Revoked,
                    Reason = StatusReason.BusinessClosed,
                    IssuingDepartment = $"{Regions[region]}-samr",
                });
                return changed.Status == LicenseStatus.Revoked ? null : $"Status{changed.Status}";
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation of the mix");
        }
    }

    /// <summary>Licences held for verification (all regions) and documents held to present.</summary>
    public (int Verifiable, int Presented) Sizes => (_verifiable.Count, _presented.Count);

    private static async Task MirrorsCaughtUpAsync(FederationProcesses federation, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var ledgers = Regions.Select(r => new LedgerService.LedgerServiceClient(federation[r].Channel)).ToArray();
        var own = new Dictionary<string, ulong>();
        foreach (var ledger in ledgers)
        {
            var status = await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
            own[status.OwnLog.Origin] = status.OwnLog.TreeSize;
        }
        while (clock.Elapsed < within)
        {
            var behind = 0;
            foreach (var ledger in ledgers)
            {
                var status = await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
                behind += own.Count(o => o.Key != status.OwnLog.Origin
                    && (status.Mirrors.FirstOrDefault(m => m.Origin == o.Key)?.TreeSize ?? 0) < o.Value);
            }
            if (behind == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new BenchmarkException($"the mirrors did not catch up with the seeded logs within {within.TotalSeconds} s");
    }
}
