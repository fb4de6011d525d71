using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>ImportLicenses for the tests: rows of realistic business licences, and one call that sends them
/// while it reads their results.</summary>
internal static class Imports
{
    /// <summary>Sends the rows over one call, reading results meanwhile; the results by row (each row answered once).</summary>
    /// <exception cref="RpcException">The call failed, with the status the node ended it with.</exception>
    public static async Task<Dictionary<ulong, ImportLicensesResponse>> RunAsync(GrpcChannel channel, IEnumerable<ImportLicensesRequest> rows)
    {
        // A deadline, so a call that stops moving fails the test instead of holding the run.
        using var call = new LicenseService.LicenseServiceClient(channel).ImportLicenses(deadline: DateTime.UtcNow.AddMinutes(2));
        var reading = call.ResponseStream.ReadAllAsync().ToListAsync().AsTask();
        try
        {
            foreach (var row in rows)
            {
                await call.RequestStream.WriteAsync(row);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The node ended the call while rows were going up: its status is what the reading side gets.
        }
        return (await reading).ToDictionary(r => r.Row);
    }

    /// <summary>count bj-samr business licences numbered 1..count, each with its own holder and request id.</summary>
    public static List<ImportLicensesRequest> BusinessLicences(string tag, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Row((ulong)i, BusinessLicence(tag, i)))];

    public static IssueLicenseRequest BusinessLicence(string tag, int i)
    {
        var holder = string.Create(CultureInfo.InvariantCulture, $"91110105{tag}{i:D6}");
        var request = LicenseClient.BusinessLicence(holder: holder, name: string.Create(CultureInfo.InvariantCulture, $"导入公司{tag}{i}"));
        request.RequestId = $"import-{tag}-{i}";
        return request;
    }

    public static ImportLicensesRequest Row(ulong row, IssueLicenseRequest? license) => new() { Row = row, License = license };
}
