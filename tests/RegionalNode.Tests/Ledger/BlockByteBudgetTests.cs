using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Ledger;

/// <summary>
/// A block never passes Node:MaxBlockBytes: checked per entry, a command whose entries would pass it goes
/// whole into the next block (sealed at once), and no entry is over 64 KiB: every block stays small enough
/// for a peer to receive in one message, so a valid block can always be mirrored.
/// </summary>
[TestFixture]
public sealed class BlockByteBudgetTests
{
    private const int Budget = 4096;

    [Test]
    public async Task IssueLicense_BatchOverTheByteBudget_SplitIntoBlocksEachWithinItAndAllAnswered()
    {
        // Arrange: forty requests at once, so blocks are sealed while more wait (group commit takes them in batches).
        await using var node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = "tj",
            Settings = { ["Node:MaxBlockBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) },
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
        Assert.That(blocks.Select(b => b.Entries.Sum(e => e.Length)), Has.All.LessThanOrEqualTo(Budget),
            "no block passes the budget: the entry that would is the next block's first");
        Assert.That(issued.Select(r => r.Receipt.BlockHeight).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public async Task Seal_CommandsWhoseEntriesWouldPassTheBudget_EachGoesWholeIntoTheNextBlock()
    {
        // Arrange: five access records of about 3 KB each against a 4 KB budget, taken as one batch. Checked
        // per command, the second would have joined the first (the block was under budget when it started).
        await using var node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = "tj",
            Settings = { ["Node:MaxBlockBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        var client = new LicenseClient(node.Channel);
        var issued = await client.IssueAsync(LicenseClient.BusinessLicence("tj", "91120000MA0BUDG999", "天津预算公司"));
        var before = (await client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var writer = node.Services.GetRequiredService<LedgerWriter>();

        // Act
        var sealedRecords = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            writer.SubmitAsync(new AppendRecord(issued.LicenseId, 3000), CancellationToken.None)));

        // Assert
        var blocks = await BlocksAfterAsync(client, before.Height);
        Assert.That(sealedRecords.Select(r => r.Receipt!.BlockHeight).Distinct().Count(), Is.EqualTo(5), "one record per block");
        Assert.That(blocks.Select(b => b.Entries.Sum(e => e.Length)), Has.All.LessThanOrEqualTo(Budget));
    }

    [Test]
    public async Task Append_AnEntryOver64KiB_RefusedEntryTooLargeAndNothingWritten()
    {
        // Arrange: inputs are bounded long before this; the cap is the last line if a command ever lets text through.
        await using var node = await TestNode.StartAsync(new TestNodeOptions { Region = "tj" });
        var client = new LicenseClient(node.Channel);
        var issued = await client.IssueAsync(LicenseClient.BusinessLicence("tj", "91120000MA0BUDG998", "天津预算公司"));
        var before = (await client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var writer = node.Services.GetRequiredService<LedgerWriter>();

        // Act
        var error = Assert.ThrowsAsync<NodeException>(() => writer.SubmitAsync(new AppendRecord(issued.LicenseId, SealingContext.MaxEntryBytes + 1), CancellationToken.None));
        var after = (await client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;

        // Assert
        Assert.That((error!.Code, error.Reason), Is.EqualTo((StatusCode.InvalidArgument, "ENTRY_TOO_LARGE")));
        Assert.That(after.TreeSize, Is.EqualTo(before.TreeSize));
    }

    /// <summary>Appends one access record whose clerk's name is <paramref name="clerkLength"/> characters.</summary>
    private sealed class AppendRecord(string licenseId, int clerkLength) : LedgerCommand<bool>
    {
        protected override bool Run(SealingContext context)
        {
            context.Append(new LedgerEntry
            {
                AccessRecorded = new AccessRecorded
                {
                    LicenseId = licenseId, Kind = AccessKind.Download, RelyingDepartment = "tj-samr", Clerk = new string('x', clerkLength),
                    AccessedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(context.Now),
                },
            });
            return true;
        }
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
