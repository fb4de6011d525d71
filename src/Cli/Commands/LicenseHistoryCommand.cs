using System.CommandLine;
using System.Globalization;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional license history ID`: every ledger entry about a licence, oldest first.</summary>
internal static class LicenseHistoryCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("history", """
            List a licence's ledger entries: issued, amended, status changes, accesses.
            Example: regional license history BJ-2026-000001 --node tj
            """) { Id };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var response = await LicenseOptions.Client(invocation).GetLicenseAsync(new() { LicenseId = invocation.Value(Id) }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(new GetLicenseResponse { LicenseId = response.LicenseId, History = { response.History } });
            return ExitCodes.Success;
        }
        var table = Marks.Table("when", "what", "leaf", "block", "detail");
        foreach (var item in response.History)
        {
            table.Row(Names.Time(item.RecordedAt), item.Kind, item.LeafIndex.ToString(CultureInfo.InvariantCulture),
                item.BlockHeight.ToString(CultureInfo.InvariantCulture), Detail(item));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }

    private static string Detail(LicenseHistoryItem item)
    {
        var entry = LedgerEntry.Parser.ParseFrom(item.Entry);
        return entry.KindCase switch
        {
            LedgerEntry.KindOneofCase.LicenseIssued => $"by {entry.LicenseIssued.IssuingDepartment}",
            LedgerEntry.KindOneofCase.LicenseAmended => $"version {entry.LicenseAmended.Version}",
            LedgerEntry.KindOneofCase.LicenseStatusChanged => $"{Names.Of(entry.LicenseStatusChanged.Status)} ({Names.Of(entry.LicenseStatusChanged.Reason)})",
            LedgerEntry.KindOneofCase.ConsentGranted => $"grant {entry.ConsentGranted.GrantId} to {entry.ConsentGranted.RelyingDepartment} for {entry.ConsentGranted.MatterCode}",
            LedgerEntry.KindOneofCase.ConsentWithdrawn => $"grant {entry.ConsentWithdrawn.GrantId} withdrawn",
            LedgerEntry.KindOneofCase.AccessRecorded => $"{entry.AccessRecorded.Kind} by {entry.AccessRecorded.RelyingDepartment} from {entry.AccessRecorded.RequestingRegion}",
            _ => "",
        };
    }
}
