using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.Provisioning;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Tests.Federation;

/// <summary>
/// Plays a region's log from outside its node: holds a copy of the log's leaves (read from another
/// node's mirror), can add made-up leaves, and signs checkpoints with the region's real log key
/// (read from its data folder), so tests can submit honest, stale, forged and conflicting
/// checkpoints to a witness.
/// </summary>
internal sealed class LogPlayer : ITreeNodeSource
{
    private readonly Dictionary<NodeId, byte[]> _nodes = [];
    private readonly NoteSigner _signer;
    private CompactRange _range;

    private LogPlayer(Suite suite, string origin, NoteSigner signer)
    {
        Suite = suite;
        Origin = origin;
        _signer = signer;
        _range = CompactRange.Empty(suite);
    }

    public Suite Suite { get; }

    public string Origin { get; }

    public ulong Size => _range.Size;

    /// <summary>The region's log as mirrored by the node at mirrorChannel, signed with its key.</summary>
    public static async Task<LogPlayer> FromMirrorAsync(TestFederation federation, string region, GrpcChannel mirrorChannel)
    {
        var suite = Suite.FromName(federation.SuiteName)!;
        var keyPath = federation[region].SigningKeyPath;
        var key = KeyFile.Parse(keyPath, await File.ReadAllTextAsync(keyPath), suite);
        var origin = $"regional.example/{region}";
        var player = new LogPlayer(suite, origin, NoteSigner.Create(origin, key));
        using var blocks = new LedgerService.LedgerServiceClient(mirrorChannel).GetBlocks(new GetBlocksRequest { Origin = origin });
        await foreach (var block in blocks.ResponseStream.ReadAllAsync())
        {
            foreach (var entry in block.Entries)
            {
                player.AppendLeafHash(suite.HashLeaf(entry.Span));
            }
        }
        return player;
    }

    /// <summary>Appends made-up leaves (never written by the region's node).</summary>
    public void AppendMadeUp(int count)
    {
        for (var i = 0; i < count; i++)
        {
            AppendLeafHash(Suite.HashLeaf(Guid.NewGuid().ToByteArray()));
        }
    }

    public byte[] Root(ulong size) => ProofBuilder.Root(Suite, this, size);

    public byte[][] Proof(ulong from, ulong to) => ProofBuilder.Consistency(Suite, this, from, to);

    /// <summary>The checkpoint of the first size leaves, signed with the region's log key.</summary>
    public string Sign(ulong size) => Sign(size, Root(size));

    public string Sign(ulong size, byte[] root) => SignedNote.Sign(new Checkpoint(Origin, size, root).ToBody(), _signer).ToString();

    public static AddCheckpointRequest Request(ulong oldSize, IEnumerable<byte[]> proof, string note)
    {
        var request = new AddCheckpointRequest { OldSize = oldSize, Checkpoint = note };
        request.ConsistencyProof.AddRange(proof.Select(ByteString.CopyFrom));
        return request;
    }

    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) => [.. ids.Select(id => _nodes[id])];

    private void AppendLeafHash(byte[] leafHash) => _range = _range.Append(leafHash, _nodes.Add);
}

/// <summary>Shared helpers of the witnessing, equivocation and freshness tests.</summary>
internal static class Witnessing
{
    /// <summary>The trust file's policy: what a relying party checks bundles with.</summary>
    public static FederationTrust Trust(TestFederation federation)
    {
        var (file, error) = TrustFileStore.Read(federation.TrustFilePath);
        Assert.That(file, Is.Not.Null, error);
        var (trust, problems) = TrustFileStore.Check(file!, federation.Folder);
        Assert.That(trust, Is.Not.Null, string.Join("; ", problems));
        return trust!;
    }

    /// <summary>Waits until the node's mirror of region holds at least size entries.</summary>
    public static Task<ulong> MirrorSizeAsync(TestNode node, string region, ulong size) =>
        Eventually.UntilAsync(
            async () => (await new LedgerService.LedgerServiceClient(node.Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest()))
                .Mirrors.Single(m => m.Region == region).TreeSize,
            s => s >= size);

    /// <summary>The AddCheckpoint error's "witness_size" metadata.</summary>
    public static ulong WitnessSize(RpcException exception) =>
        ulong.Parse(Node.Errors.RpcErrorDetails.ErrorInfo(exception)!.Metadata["witness_size"], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A bj+tj federation where tj has witnessed bj's real log, then bj is stopped and the
/// test plays bj (its real leaves and key) through a channel presenting bj's node certificate.</summary>
public abstract class PlayedIssuerFixture
{
    internal TestFederation Peers { get; private set; } = null!;

    internal LogPlayer Bj { get; private set; } = null!;

    internal GrpcChannel AsBj { get; private set; } = null!;

    /// <summary>bj's real tree size, as tj witnessed and mirrored it.</summary>
    internal ulong RealSize { get; private set; }

    /// <summary>tj's LedgerService, called as bj.</summary>
    internal LedgerService.LedgerServiceClient Tj => new(AsBj);

    /// <summary>How many licences bj issues before it stops.</summary>
    protected virtual int Licences => 1;

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        Peers = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var bj = new LicenseClient(Peers["bj"].Channel);
        for (var i = 0; i < Licences; i++)
        {
            await bj.IssueAsync();
        }
        var head = await Eventually.UntilAsync(
            async () => (await bj.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog,
            s => s.Cosignatures >= 1);
        Assert.That(head.Cosignatures, Is.GreaterThanOrEqualTo(1u), "tj never cosigned bj's head");
        RealSize = await Witnessing.MirrorSizeAsync(Peers["tj"], "bj", head.TreeSize);
        await Peers["bj"].StopAsync();
        Bj = await LogPlayer.FromMirrorAsync(Peers, "bj", Peers["tj"].Channel);
        AsBj = Peers["tj"].CreateChannel(Peers.Ca.IssueNode("bj"));
    }

    [OneTimeTearDown]
    public async Task StopFederation()
    {
        AsBj.Dispose();
        await Peers.DisposeAsync();
    }
}
