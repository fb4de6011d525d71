using Grpc.Core;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Ledger;

/// <summary>
/// A block closes once its entries reach Node:MaxBlockBytes, and the rest of the batch goes into the
/// next block at once: every block stays small enough for a peer to receive in one message.
/// </summary>
[TestFixture]
public sealed class BlockByteBudgetTests
{
    private const int Budget = 4096;

    [Test]
    public async Task IssueLicense_BatchOverTheByteBudget_SplitIntoBlocksEachWithinItAndAllAnswered()
    {
        // Arrange: a long block window so the forty requests are taken as one batch.
        await using var node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = "tj",
            Settings = { ["Node:BlockIntervalMs"] = "1000", ["Node:MaxBlockBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        var client = new LicenseClient(node.Channel);
        var before = (await client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;

        // Act
        var issued = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.IssueAsync(LicenseClient.BusinessLicence("tj", $"91120000MA0BUDG{i:D3}", $"天津预算公司{i}"))));

        // Assert
        var blocks = await BlocksAfterAsync(client, before.Height);
        var largestEntry = blocks.SelectMany(b => b.Entries).Max(e => e.Length);
        Assert.That(issued.Select(r => r.Receipt.LeafIndex).Distinct().Count(), Is.EqualTo(40), "every call answered with its own leaf");
        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(40 * largestEntry / (Budget + largestEntry)), "the batch was split");
        Assert.That(blocks.Select(b => b.Entries.Sum(e => e.Length)), Has.All.LessThan(Budget + largestEntry),
            "each block stops at the entry that reaches the budget");
        Assert.That(issued.Select(r => r.Receipt.BlockHeight).Distinct().Count(), Is.GreaterThan(1));
    }

    private static async Task<List<Block>> BlocksAfterAsync(LicenseClient client, ulong height)
    {
        using var call = client.Ledger.GetBlocks(new GetBlocksRequest { FromHeight = height + 1 });
        var blocks = new List<Block>();
        await foreach (var block in call.ResponseStream.ReadAllAsync())
        {
            blocks.Add(block);
        }
        return blocks;
    }
}
