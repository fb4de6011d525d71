using System.CommandLine;
using System.Globalization;
using Regional.Cli.Output;
using Regional.V1;
using Regional.LicenseVerifier.Ledger;

namespace Regional.Cli.Commands;

/// <summary>`regional ledger status`: the node's own log and its mirrors of the other regions.</summary>
internal static class LedgerStatusCommand
{
    private static readonly Option<bool> Watch = new("--watch", "-w")
    {
        Description = "Keep a live view of every region (each node's size of each log, lag, cosignatures, alarms), redrawn every --interval, until Ctrl-C.",
    };

    private static readonly Option<double> Interval = Checked(new Option<double>("--interval")
    {
        Description = "Seconds between refreshes with --watch (at least 0.2).",
        DefaultValueFactory = _ => 1.0,
    }, value => value >= 0.2, "--interval: want at least 0.2 seconds");

    private static readonly Option<int?> Count = Checked(new Option<int?>("--count")
    {
        Description = "With --watch: stop after this many refreshes (for scripts). Default: until Ctrl-C.",
    }, value => value is null or >= 1, "--count: want 1 or more");

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", """
            Show the node's own log and each mirror: size, height, checkpoint age, lag, cosignatures, state; then alarms.
            With --watch, a live view of every region, refreshed every second.
            Examples: regional ledger status --node he
                      regional ledger status --watch
            """);
        command.Options.Add(Watch);
        command.Options.Add(Interval);
        command.Options.Add(Count);
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        if (invocation.Value(Watch))
        {
            return await LedgerWatch.RunAsync(invocation, TimeSpan.FromSeconds(invocation.Value(Interval)), invocation.Parse.GetValue(Count));
        }
        var client = new LedgerService.LedgerServiceClient(invocation.Calls);
        var status = await client.GetLedgerStatusAsync(new GetLedgerStatusRequest(), cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(status);
            return ExitCodes.Success;
        }
        var screen = invocation.Screen;
        var what = status.Mode == "mirror" ? "read-only mirror" : status.Region;
        screen.Say(Marks.Bold(status.DisplayName), $" ({what}), suite {Names.Of(status.Suite)}, version {status.Version}");
        if (status.VerifierKey.Length > 0)
        {
            screen.Say(Marks.Dim($"log key {status.VerifierKey}"));
        }
        var table = Marks.Table("log", "origin", "size", "height", "checkpoint age", "lag", "cosigned", "state");
        foreach (var log in new[] { status.OwnLog }.Concat(status.Mirrors).Where(l => l is not null))
        {
            table.Row(log.Region, log.Origin, N(log.TreeSize), log.TreeSize == 0 ? "-" : N(log.Height), Age(log.Checkpoint?.SealedAt),
                MirrorState.Parse(log.State) == MirrorState.Own ? "-" : $"{N(log.LagEntries)} entries, {log.LagSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
                log.Cosignatures.ToString(CultureInfo.InvariantCulture), State(log.State));
        }
        screen.Write(table);
        foreach (var alarm in status.Alarms)
        {
            screen.Say(Marks.Red($"ALARM {alarm.Kind} ({alarm.Region}) at {Names.Time(alarm.RaisedAt)}: {alarm.Detail}"));
        }
        if (status.Alarms.Count == 0)
        {
            screen.Say(Marks.Green("no alarms"));
        }
        return ExitCodes.Success;
    }

    private static Option<T> Checked<T>(Option<T> option, Func<T?, bool> valid, string error)
    {
        option.Validators.Add(result =>
        {
            if (!valid(result.GetValueOrDefault<T>()))
            {
                result.AddError(error);
            }
        });
        return option;
    }

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static Mark State(string state) => MirrorState.Parse(state) switch
    {
        var s when s == MirrorState.Own || s == MirrorState.Following => Marks.Green(state),
        { NeedsOperator: true } => Marks.Red(state),
        _ => Marks.Yellow(state),
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
