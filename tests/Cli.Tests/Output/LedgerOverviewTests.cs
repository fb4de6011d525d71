using Google.Protobuf.WellKnownTypes;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Tests.Output;

/// <summary>The `ledger status --watch` frame, rendered from fixed node answers.</summary>
[TestFixture]
public sealed class LedgerOverviewTests
{
    [Test]
    public void Write_MirrorBehind_ShowsSizeAndEntriesBehindTheIssuer()
    {
        // Arrange
        NodeSnapshot[] nodes = [Node("bj", Own("bj", 120), Mirror("tj", 40, "following")), Node("tj", Own("tj", 40), Mirror("bj", 114, "catching_up"))];

        // Act
        var frame = Render(nodes);

        // Assert
        var bj = Row(frame, "bj");
        Assert.That(bj, Does.Contain("120 own").And.Contain("114 (-6)").And.Contain("catching_up"));
        Assert.That(Row(frame, "tj"), Does.Contain("40 own").And.Contain("ok"));
        Assert.That(frame, Does.Contain("2 of 2 nodes answering").And.Contain("no alarms"));
    }

    [Test]
    public void Write_NodeUnreachable_MarksItsColumnAndSaysWhy()
    {
        // Arrange
        NodeSnapshot[] nodes = [Node("bj", Own("bj", 5)), new NodeSnapshot("he", null, "UNAVAILABLE: connection refused")];

        // Act
        var frame = Render(nodes);

        // Assert
        Assert.That(Row(frame, "bj"), Does.Contain("5 own").And.Contain("unreachable"));
        Assert.That(frame, Does.Contain("1 of 2 nodes answering").And.Contain("he: UNAVAILABLE: connection refused"));
    }

    [Test]
    public void Write_HaltedMirrorWithAlarm_ShowsHaltedAndTheAlarm()
    {
        // Arrange
        var status = new GetLedgerStatusResponse { Region = "tj", OwnLog = Own("tj", 3) };
        status.Mirrors.Add(Mirror("bj", 10, "halted"));
        status.Alarms.Add(new Alarm { Region = "bj", Kind = "equivocation", Detail = "two roots at size 10", RaisedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) });

        // Act
        var frame = Render([new NodeSnapshot("tj", status, null)]);

        // Assert
        Assert.That(Row(frame, "bj"), Does.Contain("halted"));
        Assert.That(frame, Does.Contain("ALARM at tj: equivocation (bj)").And.Contain("two roots at size 10"));
        Assert.That(frame, Does.Not.Contain("no alarms"));
    }

    private static string Render(NodeSnapshot[] nodes)
    {
        using var output = new StringWriter();
        Terminal.Create(output, isTerminal: false, _ => null).Write(LedgerOverview.Render(nodes, DateTimeOffset.UnixEpoch));
        return output.ToString();
    }

    private static string Row(string frame, string region) =>
        frame.Split('\n').Single(l => l.StartsWith(region + " ", StringComparison.Ordinal));

    private static NodeSnapshot Node(string region, LogStatus own, params LogStatus[] mirrors)
    {
        var status = new GetLedgerStatusResponse { Region = region, OwnLog = own };
        status.Mirrors.Add(mirrors);
        return new NodeSnapshot(region, status, null);
    }

    private static LogStatus Own(string region, ulong size) => new() { Region = region, TreeSize = size, State = "own", Cosignatures = 2 };

    private static LogStatus Mirror(string region, ulong size, string state) => new() { Region = region, TreeSize = size, State = state, LagSeconds = 0.4 };
}
