using Microsoft.Extensions.DependencyInjection;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Tests.Support;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Tests.Federation;

/// <summary>Which checkpoint a proof bundle is built against: the latest one with the quorum that
/// holds every entry the bundle proves, else the newest one with what cosignatures it has.</summary>
public sealed class WitnessingBundleTargetTests : SingleNodeFixture
{
    [Test]
    public async Task ForProof_OlderSizeHasQuorumAndHoldsTheEntries_ThatSizeWithItsCosignature()
    {
        // Arrange: three blocks; only the first is cosigned.
        var (first, head) = await ThreeBlocksAsync();
        using var session = Node.Services.GetRequiredService<IDatabase>().Open();
        var line = Cosign(session, first);
        var log = Node.Services.GetRequiredService<OwnLog>();

        // Act
        var target = new CosignedCheckpoints(1).ForProof(session, log, log.State, first);

        // Assert
        Assert.That(head, Is.GreaterThan(first));
        Assert.That(target!.TreeSize, Is.EqualTo(first));
        Assert.That(target.QuorumMet, Is.True);
        Assert.That(target.Cosignatures, Is.EqualTo(1));
        Assert.That(target.Note, Does.StartWith($"regional.example/bj\n{first}\n").And.EndWith(line));
    }

    [Test]
    public async Task ForProof_EntriesBeyondTheQuorumSize_NewestCheckpointWithoutQuorum()
    {
        // Arrange
        var (first, head) = await ThreeBlocksAsync();
        using var session = Node.Services.GetRequiredService<IDatabase>().Open();
        Cosign(session, first);
        var log = Node.Services.GetRequiredService<OwnLog>();

        // Act
        var target = new CosignedCheckpoints(1).ForProof(session, log, log.State, first + 1);

        // Assert
        Assert.That(target!.TreeSize, Is.EqualTo(log.State.Head.TreeSize).And.GreaterThanOrEqualTo(head));
        Assert.That(target.QuorumMet, Is.False);
        Assert.That(target.Note, Is.EqualTo(log.State.Head.Checkpoint));
    }

    /// <summary>Seals three blocks (one licence each); returns the first block's size and the head's.</summary>
    private async Task<(ulong First, ulong Head)> ThreeBlocksAsync()
    {
        var sizes = new List<ulong>();
        foreach (var holder in new[] { "91110105MA01WTNS1A", "91110105MA01WTNS2B", "91110105MA01WTNS3C" })
        {
            var issued = await Client.IssueAsync(Licenses.LicenseClient.BusinessLicence(holder: holder));
            sizes.Add(issued.Receipt.Checkpoint.TreeSize);
        }
        return (sizes[0], sizes[^1]);
    }

    /// <summary>Stores a made-up witness's cosignature of the own log's checkpoint at size; returns its line.</summary>
    private string Cosign(IStoreSession session, ulong size)
    {
        var log = Node.Services.GetRequiredService<OwnLog>();
        var block = session.Log.GetBlockBySize(log.LogId, size)!;
        var body = Checkpoint.ParseBody(SignedNote.Parse(block.Checkpoint).Value!.Text).Value!;
        var witness = NoteSigner.Create("regional.example/tj/witness", PrivateKey.Generate(log.Suite.SignatureAlgorithm), NoteKeyKind.Cosignature);
        var line = Cosigner.Cosign(witness, body, Clock.GetUtcNow()).ToLine();
        session.Cosignatures.Add(log.LogId, size, witness.Name, line, Clock.GetUtcNow());
        return line;
    }
}
