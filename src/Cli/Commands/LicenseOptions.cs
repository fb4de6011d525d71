using System.CommandLine;
using Grpc.Core;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>Arguments and helpers the licence commands share.</summary>
internal static class LicenseOptions
{
    public static Argument<string> Id() => new("ID") { Description = "The licence id, e.g. BJ-2026-000001." };

    public static Option<string?> Grant() => new("--grant") { Description = "The holder's consent grant id that authorises this access (regional consent grant)." };

    public static Option<string?> Matter() => new("--matter") { Description = "The matter (事项) code the access serves, e.g. power-account-transfer." };

    public static Option<string?> RequestId() => new("--request-id")
    {
        Description = "The write's idempotency key (at most 128 printable ASCII characters): the same id again returns the first answer, so a re-run after a timeout or a lost answer does the write once. Default: a new random id per run (kept across its retries); shown with --verbose.",
    };

    /// <summary>--request-id, else a fresh one for this run; said on stderr with --verbose.</summary>
    public static string RequestIdOf(Invocation invocation, Option<string?> option, string? fromFile = null)
    {
        var id = invocation.Value(option) ?? (fromFile is { Length: > 0 } ? fromFile : Import.RequestIds.Fresh());
        if (invocation.Verbose)
        {
            invocation.Console.Error.WriteLine($"regional: request id {id}");
        }
        return id;
    }

    public static Option<string[]> Fields(string description) => new("--field", "-f")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "name=value",
    };

    /// <summary>Splits --field name=value pairs; a pair without '=' is a usage error.</summary>
    public static IEnumerable<(string Name, string Value)> Pairs(string[]? fields)
    {
        foreach (var pair in fields ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliException($"--field: got '{pair}', want name=value, e.g. --field company_name=示例科技有限公司");
            }
            yield return (pair[..at].Trim(), pair[(at + 1)..]);
        }
    }

    /// <summary>The licence type from the node's directory, or null when the node does not know it.</summary>
    public static async Task<LicenseType?> TypeAsync(Invocation invocation, string code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            var client = new CatalogService.CatalogServiceClient(invocation.Calls);
            var response = await client.GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = code }, cancellationToken: invocation.Cancel);
            return response.LicenseType;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    public static LicenseService.LicenseServiceClient Client(Invocation invocation) => new(invocation.Calls);
}
