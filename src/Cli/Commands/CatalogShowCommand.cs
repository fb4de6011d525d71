using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional catalog show CODE`: one licence type, its fields and the approvals in force (its effective sharing).</summary>
internal static class CatalogShowCommand
{
    private static readonly Argument<string> Code = new("CODE") { Description = "The licence type's code, e.g. business-licence." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("show", """
            Show a licence type: names, owner, sharing policy, its fields and the directory approvals in force for it.
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
        if (response.ApprovalsInForce.Count > 0)
        {
            invocation.Out.WriteLine();
            var approvals = Marks.Table("approval in force", "department", "fields", "matters", "until");
            foreach (var approval in response.ApprovalsInForce)
            {
                approvals.Row(approval.ApplicationId, approval.ApplicantDepartment, DirectoryOptions.List(approval.Fields),
                    string.Join(",", approval.MatterCodes), Names.Time(approval.Until));
            }
            invocation.Screen.Write(approvals);
        }
        return ExitCodes.Success;
    }
}
