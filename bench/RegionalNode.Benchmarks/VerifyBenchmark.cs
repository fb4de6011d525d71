using System.Globalization;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `verify`: VerifyLicense against the near-empty unary call (Health/Check) on the same server and
/// client. The node is first filled with licences; each call verifies a random one of them, by id
/// (status) or as a presented document (two disclosed fields with the salts of one of 100 downloaded copies).
/// A call counts only if the answer is VALID.
/// </summary>
internal static class VerifyBenchmark
{
    /// <summary>Licences downloaded to present: calls pick one of them at random.</summary>
    private const int PresentedDocuments = 100;

    public static async Task RunAsync(Arguments arguments)
    {
        var concurrency = arguments.Int("concurrency", 32);
        var duration = arguments.Seconds("seconds", 20);
        var prefill = arguments.Int("prefill", 5000);
        await using var node = await NodeProcess.StartAsync(arguments);
        var licences = new LicenseService.LicenseServiceClient(node.Channel);
        var invoker = node.Channel.CreateCallInvoker();
        var sample = new IdSample(prefill);
        (await LoadRunner.RunAsync(node, "fill", 256, TimeSpan.FromMinutes(2), prefill, r => Licences.IssueAsync(licences, sample, r))).RequireNoErrors();

        var presented = new List<VerifyLicenseRequest>();
        for (var i = 0; i < PresentedDocuments; i++)
        {
            presented.Add(await PresentedDocumentAsync(licences, sample.Pick(Random.Shared)));
        }
        var runs = new (string Name, Func<Random, Task<bool>> Call)[]
        {
            ("Health/Check (floor)", _ => RawHealth.IsServingAsync(invoker)),
            ("VerifyLicense status", r => IsValidAsync(licences, new VerifyLicenseRequest { LicenseId = sample.Pick(r) })),
            ("VerifyLicense 2 disclosed fields", r => IsValidAsync(licences, presented[r.Next(presented.Count)])),
        };
        var results = new List<LoadResult>();
        foreach (var (name, call) in runs)
        {
            await LoadRunner.RunAsync(node, "warm-up", concurrency, TimeSpan.FromSeconds(3), long.MaxValue, call);
            results.Add((await LoadRunner.RunAsync(node, name, concurrency, duration, long.MaxValue, call)).RequireNoErrors());
        }
        var (rss, peak) = Machine.Memory(node.Pid);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log: {sample.Pick(Random.Shared)} among {prefill:N0} licences; load {Machine.LoadAverage()}"));
        Console.WriteLine(LoadResult.Header);
        results.ForEach(r => Console.WriteLine(r.Row()));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio status / empty call: {results[1].Rate / results[0].Rate:P1}; disclosed / empty call: {results[2].Rate / results[0].Rate:P1}; node RSS {rss:F0} MiB (peak {peak:F0} MiB)"));
    }

    /// <summary>Downloads one licence (values and salts) and presents two of its fields.</summary>
    public static async Task<VerifyLicenseRequest> PresentedDocumentAsync(LicenseService.LicenseServiceClient licences, string licenseId)
    {
        var document = (await licences.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = licenseId })).Document;
        var request = new VerifyLicenseRequest { LicenseId = licenseId };
        request.Disclosed.AddRange(document.Fields.Where(f => f.Name is "company_name" or "address"));
        if (request.Disclosed.Count != 2)
        {
            throw new BenchmarkException($"downloaded {licenseId} lacks company_name or address");
        }
        return request;
    }

    public static async Task<bool> IsValidAsync(LicenseService.LicenseServiceClient licences, VerifyLicenseRequest request)
    {
        var response = await licences.VerifyLicenseAsync(request);
        return response.Status == VerificationStatus.Valid && response.FieldChecks.All(f => f.Matches);
    }
}
