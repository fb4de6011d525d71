using System.CommandLine;
using Google.Protobuf;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional catalog add FILE`: registers (or replaces) a licence type from protobuf JSON.</summary>
internal static class CatalogAddCommand
{
    private static readonly Argument<FileInfo> File = new("FILE") { Description = "A LicenseType as protobuf JSON (see: regional catalog show business-licence --json)." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("add", """
            Register a licence type on the node's own region's log, or replace it (same code and owner).
            Example: regional catalog add fishing-permit.json
            """) { File };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var text = await System.IO.File.ReadAllTextAsync(invocation.Value(File).FullName, invocation.Cancel);
        LicenseType type;
        try
        {
            type = text.Contains("\"licenseType\"", StringComparison.Ordinal)
                ? JsonParser.Default.Parse<GetLicenseTypeResponse>(text).LicenseType
                : JsonParser.Default.Parse<LicenseType>(text);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new CliException($"FILE: not a LicenseType as protobuf JSON: {ex.Message}");
        }
        var client = new CatalogService.CatalogServiceClient(invocation.Calls);
        var response = await client.RegisterLicenseTypeAsync(new() { LicenseType = type }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
        }
        else
        {
            invocation.Out.WriteLine($"Registered {Names.Type(type.Code, response.LicenseType)}, revision {response.Revision}: leaf {response.Receipt.LeafIndex}, block {response.Receipt.BlockHeight}");
        }
        return ExitCodes.Success;
    }
}
