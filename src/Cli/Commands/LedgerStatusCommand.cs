using System.CommandLine;
using System.Globalization;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional ledger status`: the node's own log and its mirrors of the other regions.</summary>
internal static class LedgerStatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", """
            Show the node's own log and each mirror: size, height, checkpoint age, lag, cosignatures, state; then alarms.
            Example: regional ledger status --node he
            """);
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var client = new LedgerService.LedgerServiceClient(invocation.Channel);
        var status = await client.GetLedgerStatusAsync(new GetLedgerStatusRequest(), cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(status);
            return ExitCodes.Success;
        }
        var style = invocation.Style;
        invocation.Out.WriteLine($"{style.Bold(status.DisplayName)} ({status.Region}), suite {Names.Of(status.Suite)}, version {status.Version}");
        invocation.Out.WriteLine(style.Dim($"log key {status.VerifierKey}"));
        var table = new Table("log", "origin", "size", "height", "checkpoint age", "lag", "cosigned", "state");
        foreach (var log in new[] { status.OwnLog }.Concat(status.Mirrors).Where(l => l is not null))
        {
            table.Add(log.Region, log.Origin, N(log.TreeSize), log.TreeSize == 0 ? "-" : N(log.Height), Age(log.Checkpoint?.SealedAt),
                log.State == "own" ? "-" : $"{N(log.LagEntries)} entries, {log.LagSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
                log.Cosignatures.ToString(CultureInfo.InvariantCulture), State(style, log.State));
        }
        table.WriteTo(invocation.Out, style);
        foreach (var alarm in status.Alarms)
        {
            invocation.Out.WriteLine(style.Red($"ALARM {alarm.Kind} ({alarm.Region}) at {Names.Time(alarm.RaisedAt)}: {alarm.Detail}"));
        }
        if (status.Alarms.Count == 0)
        {
            invocation.Out.WriteLine(style.Green("no alarms"));
        }
        return ExitCodes.Success;
    }

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string State(Styles style, string state) => state switch
    {
        "own" or "following" => style.Green(state),
        "halted" or "rejected" => style.Red(state),
        _ => style.Yellow(state),
    };

    private static string Age(Google.Protobuf.WellKnownTypes.Timestamp? sealedAt)
    {
        if (sealedAt is null)
        {
            return "-";
        }
        var age = DateTimeOffset.UtcNow - sealedAt.ToDateTimeOffset();
        return age.TotalSeconds < 120 ? $"{Math.Max(0, age.TotalSeconds):0} s" : age.TotalMinutes < 120 ? $"{age.TotalMinutes:0} min" : $"{age.TotalHours:0} h";
    }
}
