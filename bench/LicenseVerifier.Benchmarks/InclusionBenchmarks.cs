using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>
/// An inclusion proof in a log of 2^20 leaves, and a whole offline bundle check against it.
/// The tree is built once with a <see cref="CompactRange"/>; only the 20 nodes of the proof are
/// kept, so the setup needs no gigabyte of node hashes.
/// </summary>
public class InclusionBenchmarks : SuiteBenchmark
{
    private const ulong TreeSize = 1UL << 20;
    private const ulong LeafIndex = 654_321;

    private byte[] _leafHash = [];
    private byte[][] _proof = [];
    private byte[] _root = [];
    private ProofBundle _bundle = new();
    private TrustPolicy? _policy;

    /// <summary>Builds the tree, the proof, a signed and cosigned checkpoint, and the bundle.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var entry = SampleData.LicenseEntry(Suite);
        _leafHash = Suite.HashLeaf(entry);
        var source = new ProofNodes(LeafIndex);
        var range = CompactRange.Empty(Suite);
        var index = new byte[sizeof(ulong)];
        for (ulong i = 0; i < TreeSize; i++)
        {
            BitConverter.TryWriteBytes(index, i);
            range = range.Append(i == LeafIndex ? _leafHash : Suite.HashLeaf(index), source.Keep);
        }
        _root = range.Root();
        _proof = ProofBuilder.Inclusion(Suite, source, LeafIndex, TreeSize);
        if (!VerifyInclusion())
        {
            throw new InvalidOperationException("setup: the inclusion proof does not verify");
        }

        var federation = new Federation(Suite);
        _policy = federation.Policy;
        _bundle = new ProofBundle
        {
            Origin = Federation.Origin,
            Entry = ByteString.CopyFrom(entry),
            LeafIndex = LeafIndex,
            TreeSize = TreeSize,
            Checkpoint = federation.SignAndCosign(new Checkpoint(Federation.Origin, TreeSize, _root)).ToString(),
            Suite = Suite.Id,
        };
        _bundle.InclusionPath.Add(_proof.Select(ByteString.CopyFrom));
        if (!VerifyBundle().IsValid)
        {
            throw new InvalidOperationException($"setup: the bundle does not verify: {VerifyBundle().Detail}");
        }
    }

    /// <summary>MerkleTree.VerifyInclusion: 20 node hashes from a known leaf hash to the root.</summary>
    [Benchmark]
    public bool VerifyInclusion() => MerkleTree.VerifyInclusion(Suite, LeafIndex, TreeSize, _leafHash, _proof, _root).IsValid;

    /// <summary>BundleVerifier.Verify: checkpoint parse, issuer signature, one cosignature, leaf and path.</summary>
    [Benchmark]
    public BundleCheck VerifyBundle() => BundleVerifier.Verify(_bundle, _policy!, SampleData.Now);

    /// <summary>Keeps only the siblings on the path of one leaf, which is all its proof reads.</summary>
    private sealed class ProofNodes(ulong leafIndex) : ITreeNodeSource
    {
        private readonly Dictionary<NodeId, byte[]> _nodes = [];

        public void Keep(NodeId id, byte[] hash)
        {
            if (id.Index == ((leafIndex >> id.Level) ^ 1))
            {
                _nodes[id] = hash;
            }
        }

        public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) => [.. ids.Select(id => _nodes[id])];
    }
}
