using System.Text.Json;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>`ledger status --watch` against the same running cluster.</summary>
public sealed partial class ClusterCommandTests
{
    [Test]
    public async Task LedgerStatusWatch_TwoRounds_ShowsEveryRegionAtEveryNodeTwice()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--watch", "--count", "2", "--interval", "0.2");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        var frames = result.Out.Split("Regional ledger", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(frames, Has.Length.EqualTo(2), result.Out);
        foreach (var frame in frames)
        {
            Assert.That(frame, Does.Contain("3 of 3 nodes answering").And.Contain("at bj").And.Contain("at tj").And.Contain("at he"));
            var rows = frame.Split('\n').Where(l => l.StartsWith("bj ", StringComparison.Ordinal) || l.StartsWith("tj ", StringComparison.Ordinal) || l.StartsWith("he ", StringComparison.Ordinal));
            Assert.That(rows.Count(), Is.EqualTo(3), frame);
            Assert.That(frame, Does.Contain(" own"));
        }
    }

    [Test]
    public async Task LedgerStatusWatch_Json_OneLinePerNodeAndRound()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--watch", "--count", "1", "--json");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("node").GetString()), Is.EquivalentTo(new[] { "bj", "tj", "he" }));
        using var bj = JsonDocument.Parse(lines.First(l => l.Contains("\"node\":\"bj\"", StringComparison.Ordinal)));
        Assert.That(bj.RootElement.GetProperty("status").GetProperty("ownLog").GetProperty("region").GetString(), Is.EqualTo("bj"));
    }

    [Test]
    public async Task LedgerStatusWatch_NodeDown_ShowsUnreachableAndKeepsGoing()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--watch", "--count", "2", "--interval", "0.2", "--node", "https://127.0.0.1:1");

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("0 of 1 nodes answering").And.Contain("UNAVAILABLE"));
    }

    [Test]
    public async Task LedgerStatusWatch_IntervalTooShort_UsageError()
    {
        // Act
        var result = await CliRun.InAsync(Dir, "ledger", "status", "--watch", "--interval", "0.01");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("--interval"));
    }
}
