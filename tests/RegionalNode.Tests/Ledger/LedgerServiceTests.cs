using Grpc.Core;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Ledger;

/// <summary>LedgerService on a real node: blocks chain, stream live, and proofs verify.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class LedgerServiceTests(string storage) : SingleNodeFixture("he", "gm", storage)
{
    [Test]
    public async Task GetBlocks_FromGenesis_HeadersChainAndRootsMatchEntries()
    {
        await Client.IssueAsync(LicenseClient.BusinessLicence("he", "91130000MA0BLOCKS1", "河北区块公司"));

        using var call = Client.Ledger.GetBlocks(new GetBlocksRequest { FromHeight = 0 });
        var blocks = new List<Block>();
        await foreach (var block in call.ResponseStream.ReadAllAsync())
        {
            blocks.Add(block);
        }

        var range = CompactRange.Empty(Suite.Gm);
        var previous = new byte[32];
        for (var i = 0; i < blocks.Count; i++)
        {
            var header = BlockHeader.Parser.ParseFrom(blocks[i].Header);
            Assert.That(header.Height, Is.EqualTo((ulong)i));
            Assert.That(header.PreviousBlockHash.ToByteArray(), Is.EqualTo(previous));
            Assert.That(header.FirstLeafIndex, Is.EqualTo(range.Size));
            foreach (var entry in blocks[i].Entries)
            {
                range = range.Append(Suite.Gm.HashLeaf(entry.Span));
            }
            Assert.That(header.TreeSize, Is.EqualTo(range.Size));
            Assert.That(header.RootHash.ToByteArray(), Is.EqualTo(range.Root()));
            previous = Suite.Gm.Hash(blocks[i].Header.Span);
        }
        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(2), "the starter catalog block and the licence's block");
    }

    [Test]
    public async Task GetBlocks_Follow_StreamsABlockSealedAfterTheCallStarted()
    {
        var head = (await Client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog.Height;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = Client.Ledger.GetBlocks(new GetBlocksRequest { FromHeight = head + 1, Follow = true }, cancellationToken: cancel.Token);

        var next = call.ResponseStream.MoveNext(cancel.Token);
        var issued = await Client.IssueAsync(LicenseClient.BusinessLicence("he", "91130000MA0FOLLOW1", "河北跟随公司"));

        Assert.That(await next, Is.True);
        var header = BlockHeader.Parser.ParseFrom(call.ResponseStream.Current.Header);
        Assert.That(header.Height, Is.EqualTo(issued.Receipt.BlockHeight));
    }

    [Test]
    public async Task GetCheckpoint_Note_SignedByTheKeyInLedgerStatus()
    {
        await Client.IssueAsync(LicenseClient.BusinessLicence("he", "91130000MA0CHECKP1", "河北检查点公司"));

        var status = await Client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
        var checkpoint = (await Client.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint;
        Assert.That(NoteVerifier.TryParse(status.VerifierKey, out var verifier, out var error), Is.True, error);

        Assert.That(NoteVerification.VerifyIssuer(checkpoint.Note, verifier!).IsValid, Is.True);
        Assert.That(LicenseVerifier.Notes.Checkpoint.ParseBody(SignedNote.Parse(checkpoint.Note).Value!.Text).Value!.Size, Is.EqualTo(checkpoint.TreeSize));
        Assert.That(status.Suite, Is.EqualTo(CryptoSuite.Gm));
    }

    [Test]
    public void GetInclusionProof_IndexBeyondTree_InvalidArgument()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Client.Ledger.GetInclusionProofAsync(new GetInclusionProofRequest { LeafIndex = 1_000_000 }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public void GetConsistencyProof_FirstAfterSecond_InvalidArgument()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Client.Ledger.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = 5, SecondSize = 2 }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }
}
