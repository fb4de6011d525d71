using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional catalog show CODE`: one licence type and its fields.</summary>
internal static class CatalogShowCommand
{
    private static readonly Argument<string> Code = new("CODE") { Description = "The licence type's code, e.g. business-licence." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("show", """
            Show a licence type: names, owner, sharing policy and its fields.
            Example: regional catalog show business-licence
            """) { Code };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var client = new CatalogService.CatalogServiceClient(invocation.Calls);
        var response = await client.GetLicenseTypeAsync(new() { Code = invocation.Value(Code) }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var type = response.LicenseType;
        invocation.Screen.Pairs(
            ("type", Names.Type(type.Code, type)),
            ("owner", $"{type.OwningDepartment} ({response.Region}), revision {response.Revision}"),
            ("sharing", Names.Of(type.Sharing?.SharingClass ?? SharingClass.Unspecified)
                + (type.Sharing?.AllowedDepartments.Count > 0 ? $" to {string.Join(", ", type.Sharing.AllowedDepartments)}" : "")));
        invocation.Out.WriteLine();
        var table = Marks.Table("field", "字段", "label", "type", "sensitivity", "required");
        foreach (var field in type.Fields)
        {
            table.Row(field.Name, field.LabelZh, field.LabelEn, field.Type.ToString(), field.Sensitivity.ToString(), field.Required ? "yes" : "");
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }
}
