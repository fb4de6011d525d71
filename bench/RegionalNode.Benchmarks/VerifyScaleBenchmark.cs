using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Regional.LicenseVerifier;
using Regional.Provisioning;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `verify-scale --seconds 15 --concurrency 32 --prefill 300`: closed-loop VerifyLicense throughput of
/// the three regional node processes alone, then of the three plus one read-only mirror node
/// (Node:Mode mirror), at the same total client concurrency, calls spread round-robin over the serving
/// nodes. Each call verifies (status) a random licence of any region; a call counts only if VALID.
/// The CPU of every node process during each run is reported, since on one machine they share the cores.
/// </summary>
internal static class VerifyScaleBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var concurrency = arguments.Int("concurrency", 32);
        var duration = arguments.Seconds("seconds", 15);
        var prefill = arguments.Int("prefill", 300);
        await using var federation = FederationProcesses.Create(arguments);
        using var ca = DevelopmentCa.Load(Path.Combine(federation.Folder, "ca.crt"), Path.Combine(federation.Folder, "ca.key"));
        using var clerk = ca.IssueClient("tj", "tj-tax", "clerk", "tj-tax clerk", DateTimeOffset.UtcNow);
        var serving = new List<(string Name, NodeProcess Node, GrpcChannel Channel)>();
        foreach (var region in new[] { "bj", "tj", "he" })
        {
            var node = await federation.StartAsync(region);
            serving.Add((region, node, Channel(node.Port, Path.Combine(federation.Folder, region, "federation.crt"), clerk)));
        }
        var ids = new List<string>();
        foreach (var region in new[] { "bj", "tj", "he" })
        {
            ids.AddRange(await FillAsync(ca, region, serving.First(s => s.Name == region), prefill));
        }
        await CaughtUpAsync(serving, ids);

        var alone = await RunOnceAsync("3 regional nodes", serving, ids, concurrency, duration);
        await using var mirror = await StartMirrorAsync(arguments, federation, ca);
        serving.Add(("mirror-1", mirror, Channel(mirror.Port, Path.Combine(mirror.DataDirectory, "mirror.crt"), clerk)));
        await CaughtUpAsync(serving, ids);
        var withMirror = await RunOnceAsync("3 regional nodes + 1 mirror", serving, ids, concurrency, duration);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"licences: {ids.Count:N0} ({prefill} per region); load {Machine.LoadAverage()}"));
        Console.WriteLine("| Run | Concurrency | Calls | Seconds | Calls/s | p50 ms | p99 ms | Node CPU s (per node) | Load after |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        Console.WriteLine(alone.Row);
        Console.WriteLine(withMirror.Row);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nwith the mirror / alone: {withMirror.Result.Rate / alone.Result.Rate:P1}"));
        serving.ForEach(s => s.Channel.Dispose());
    }

    private static async Task<(LoadResult Result, string Row)> RunOnceAsync(string name, List<(string Name, NodeProcess Node, GrpcChannel Channel)> serving,
        List<string> ids, int concurrency, TimeSpan duration)
    {
        var clients = serving.Select(s => new LicenseService.LicenseServiceClient(s.Channel)).ToArray();
        long next = 0;
        Task<bool> Call(Random random) => VerifyBenchmark.IsValidAsync(clients[Interlocked.Increment(ref next) % clients.Length],
            new VerifyLicenseRequest { LicenseId = ids[random.Next(ids.Count)] });
        await LoadRunner.RunAsync(serving[0].Node, "warm-up", concurrency, TimeSpan.FromSeconds(3), long.MaxValue, Call);
        var before = serving.Select(s => s.Node.CpuTime).ToArray();
        var result = (await LoadRunner.RunAsync(serving[0].Node, name, concurrency, duration, long.MaxValue, Call)).RequireNoErrors();
        var cpu = string.Join(" / ", serving.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {(s.Node.CpuTime - before[i]).TotalSeconds:F1}")));
        return (result, string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {concurrency} | {result.Calls:N0} | {result.Elapsed.TotalSeconds:F1} | {result.Rate:N0} | {result.Percentile(0.5):F2} | {result.Percentile(0.99):F2} | {cpu} | {Machine.LoadAverage()} |"));
    }

    /// <summary>Issues count business licences in region (as its samr issuer); returns their ids.</summary>
    private static async Task<List<string>> FillAsync(DevelopmentCa ca, string region, (string Name, NodeProcess Node, GrpcChannel Channel) node, int count)
    {
        using var issuer = ca.IssueClient(region, $"{region}-samr", "issuer", $"{region}-samr issuer", DateTimeOffset.UtcNow);
        using var channel = Channel(node.Node.Port, Path.Combine(node.Node.DataDirectory, "federation.crt"), issuer);
        var client = new LicenseService.LicenseServiceClient(channel);
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(64))
        {
            var issued = await Task.WhenAll(batch.Select(_ =>
            {
                var request = Licences.BusinessLicence();
                request.IssuingDepartment = $"{region}-samr";
                return client.IssueLicenseAsync(request).ResponseAsync;
            }));
            ids.AddRange(issued.Select(i => i.LicenseId));
        }
        return ids;
    }

    /// <summary>Starts mirror-1 (its own CA-issued mirror certificate) and waits until it serves, i.e. has caught up.</summary>
    private static Task<NodeProcess> StartMirrorAsync(Arguments arguments, FederationProcesses federation, DevelopmentCa ca)
    {
        var data = Directory.CreateDirectory(Path.Combine(federation.Folder, "mirror-1")).FullName;
        using (var certificate = ca.IssueMirror("mirror-1", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow))
        {
            DevelopmentCa.SavePem(certificate, Path.Combine(data, "mirror.crt"), Path.Combine(data, "mirror.key"));
        }
        // NodeProcess passes --region; a mirror has none, so it is cleared again after it.
        return NodeProcess.StartAsync(arguments, "mirror-1", data, NodeLaunch.FreePort(), Path.Combine(data, "mirror.crt"),
        [
            "--Node:Region=", "--mode", "mirror", "--mirror-name", "mirror-1",
            $"--Node:CertificatePath={Path.Combine(data, "mirror.crt")}",
            $"--Node:CertificateKeyPath={Path.Combine(data, "mirror.key")}",
            $"--Node:CaCertificatePath={Path.Combine(federation.Folder, "ca.crt")}",
            $"--Federation:TrustFile={federation.TrustFilePath}",
        ]);
    }

    /// <summary>Waits until every serving node answers VALID for the newest licence of each region.</summary>
    private static async Task CaughtUpAsync(List<(string Name, NodeProcess Node, GrpcChannel Channel)> serving, List<string> ids)
    {
        var newest = ids.GroupBy(id => LicenseId.Parse(id).Region).Select(g => g.Max(StringComparer.Ordinal)!).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        foreach (var (name, _, channel) in serving)
        {
            foreach (var id in newest)
            {
                while (!await VerifyBenchmark.IsValidAsync(new LicenseService.LicenseServiceClient(channel), new VerifyLicenseRequest { LicenseId = id }))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new BenchmarkException($"{name} does not answer VALID for {id} after 2 minutes");
                    }
                    await Task.Delay(200);
                }
            }
        }
    }

    /// <summary>https://127.0.0.1:port trusting exactly the served certificate, presenting a client certificate.</summary>
    private static GrpcChannel Channel(int port, string servedCertificatePath, X509Certificate2 client)
    {
        using var served = X509Certificate2.CreateFromPem(File.ReadAllText(servedCertificatePath));
        var raw = served.RawData;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(raw);
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        return GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
