using System.CommandLine;
using System.Globalization;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional catalog list`: the licence types the node knows (the directory, 目录).</summary>
internal static class CatalogListCommand
{
    private static readonly Option<string?> Region = new("--region") { Description = "Only types of this region, e.g. bj." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("list", """
            List the licence types in the directory (目录): code, names, owner, sharing class.
            Example: regional catalog list --node tj
            """) { Region };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var client = new CatalogService.CatalogServiceClient(invocation.Calls);
        var response = await client.ListLicenseTypesAsync(new() { Region = invocation.Value(Region) ?? "" }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var table = Marks.Table("code", "名称", "name", "region", "owner", "sharing", "rev");
        foreach (var item in response.LicenseTypes.OrderBy(t => t.Region, StringComparer.Ordinal).ThenBy(t => t.LicenseType.Code, StringComparer.Ordinal))
        {
            var type = item.LicenseType;
            table.Row(type.Code, type.NameZh, type.NameEn, item.Region, type.OwningDepartment,
                Names.Of(type.Sharing?.SharingClass ?? SharingClass.Unspecified), item.Revision.ToString(CultureInfo.InvariantCulture));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }
}
