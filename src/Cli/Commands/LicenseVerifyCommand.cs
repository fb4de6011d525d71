using System.CommandLine;
using Google.Protobuf;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional license verify ID`: status by id, a presented document (--bundle), or a fact check (--field).</summary>
internal static class LicenseVerifyCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();
    private static readonly Option<FileInfo?> Bundle = new("--bundle") { Description = "A downloaded licence (regional license download -o FILE): its fields and salts are checked against the ledger." };
    private static readonly Option<string[]> Field = LicenseOptions.Fields("A fact check: a value typed from paper, name=value; the issuing region answers match or mismatch.");
    private static readonly Option<string?> Grant = LicenseOptions.Grant();
    private static readonly Option<string?> Matter = LicenseOptions.Matter();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("verify", """
            Verify a licence on the node's ledger or mirror: VALID (exit 0) or REVOKED, SUSPENDED, EXPIRED,
            NOT_FOUND, MISMATCH, UNKNOWN (exit 1).
            Example: regional license verify BJ-2026-000001 --node tj
            """) { Id, Bundle, Field, Grant, Matter };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var request = new VerifyLicenseRequest
        {
            LicenseId = invocation.Value(Id),
            GrantId = invocation.Value(Grant) ?? "",
            MatterCode = invocation.Value(Matter) ?? "",
        };
        if (invocation.Value(Bundle) is { } file)
        {
            var download = JsonParser.Default.Parse<DownloadLicenseResponse>(await File.ReadAllTextAsync(file.FullName, invocation.Cancel));
            request.Disclosed.AddRange(download.Document.Fields);
        }
        foreach (var (name, value) in LicenseOptions.Pairs(invocation.Value(Field)))
        {
            request.Disclosed.Add(new DisclosedField { Name = name, Value = value });
        }
        var response = await LicenseOptions.Client(invocation).VerifyLicenseAsync(request, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
        }
        else
        {
            var type = await LicenseOptions.TypeAsync(invocation, response.LicenseType);
            invocation.Screen.Pairs(
                ("licence", response.LicenseId),
                ("status", Marks.Status(response.Status)),
                ("type", response.LicenseType.Length == 0 ? "-" : Names.Type(response.LicenseType, type)),
                ("issued in", response.IssuingRegion.Length == 0 ? "-" : response.IssuingRegion),
                ("valid", Names.Validity(response.Validity)),
                ("checked by", $"{invocation.Target.Name}, ledger size {response.CheckpointSize} as of {Names.Time(response.CheckpointTime)}"));
            foreach (var check in response.FieldChecks)
            {
                invocation.Screen.Say($"  {check.Name}: ", check.Matches ? Marks.Green("matches") : Marks.Red("does not match"));
            }
            if (response.Detail.Length > 0)
            {
                invocation.Screen.Say(Marks.Dim(response.Detail));
            }
        }
        return response.Status == VerificationStatus.Valid ? ExitCodes.Success : ExitCodes.Negative;
    }
}
