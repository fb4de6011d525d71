using Grpc.Core;
using Grpc.Net.Client;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Tests.Federation;

/// <summary>AddCheckpoint on a real tj node, called with bj's node certificate while bj itself is
/// stopped: the test plays bj's log (its real leaves and key) and submits good and bad checkpoints.</summary>
[TestFixture]
public sealed class WitnessingAddCheckpointTests : PlayedIssuerFixture
{
    [Test]
    public void AddCheckpoint_NoClientCertificate_Unauthenticated()
    {
        using var anonymous = Peers["tj"].CreateChannel();
        var call = new LedgerService.LedgerServiceClient(anonymous);

        var error = Assert.ThrowsAsync<RpcException>(async () => await call.AddCheckpointAsync(LogPlayer.Request(0, [], Bj.Sign(RealSize))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public void AddCheckpoint_CallerIsTjSubmittingBjLog_PermissionDenied()
    {
        using var asTj = Peers["tj"].CreateChannel(Peers.Ca.IssueNode("tj"));

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new LedgerService.LedgerServiceClient(asTj).AddCheckpointAsync(LogPlayer.Request(RealSize, [], Bj.Sign(RealSize))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("bj"));
    }

    [TestCase("regional.example/xx", true, StatusCode.NotFound, TestName = "AddCheckpoint_UnknownOrigin_NotFound")]
    [TestCase("regional.example/bj", true, StatusCode.NotFound, TestName = "AddCheckpoint_UnknownKey_NotFound")]
    [TestCase("regional.example/bj", false, StatusCode.InvalidArgument, TestName = "AddCheckpoint_MalformedNote_InvalidArgument")]
    public void AddCheckpoint_NotATrustedCheckpoint_Refused(string origin, bool wellFormed, StatusCode expected)
    {
        var stranger = NoteSigner.Create(origin, PrivateKey.Generate(Bj.Suite.SignatureAlgorithm));
        var note = SignedNote.Sign(new Checkpoint(origin, RealSize, Bj.Root(RealSize)).ToBody(), stranger).ToString();
        note = wellFormed ? note : note.Replace("\n\n", "\n", StringComparison.Ordinal);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(RealSize, [], note)));

        Assert.That(error!.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public void AddCheckpoint_IssuerSignatureOfAnotherBody_PermissionDenied()
    {
        // Arrange: bj's real signature, made over size - 1, grafted under the body of size.
        var otherSignature = Bj.Sign(RealSize - 1).Split("\n\n")[1];
        var forged = new Checkpoint(Bj.Origin, RealSize, Bj.Root(RealSize)).ToBody() + "\n" + otherSignature;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(RealSize, [], forged)));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task AddCheckpoint_StaleOldSize_FailedPreconditionWithWitnessSizeThenRetryCosigns()
    {
        var held = await HeldAsync();
        var note = Bj.Sign(held);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(0, [], note)));
        var retry = await Tj.AddCheckpointAsync(LogPlayer.Request(Witnessing.WitnessSize(error!), [], note));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(Witnessing.WitnessSize(error), Is.EqualTo(held).And.GreaterThanOrEqualTo(RealSize));
        Assert.That(TjCosignature(note, retry), Is.Not.Null);
    }

    [Test]
    public async Task AddCheckpoint_BadConsistencyProof_InvalidArgumentAndNotHalted()
    {
        var held = await HeldAsync();
        Bj.AppendMadeUp(3);
        var proof = Bj.Proof(held, Bj.Size);
        proof[0][0] ^= 0x01;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(held, proof, Bj.Sign(Bj.Size))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
        Assert.That(await MirrorStateAsync(), Is.Not.EqualTo("halted"));
    }

    [Test]
    public async Task AddCheckpoint_ConsistentLargerCheckpoint_CosignsAndAdvancesWitnessSize()
    {
        var held = await HeldAsync();
        Bj.AppendMadeUp(2);
        var note = Bj.Sign(Bj.Size);

        var answer = await Tj.AddCheckpointAsync(LogPlayer.Request(held, Bj.Proof(held, Bj.Size), note));

        Assert.That(TjCosignature(note, answer), Is.Not.Null);
        Assert.That(await HeldAsync(), Is.EqualTo(Bj.Size));
    }

    [Test]
    public async Task AddCheckpoint_Replay_CosignsAgainWithFreshTime()
    {
        var held = await HeldAsync();
        var note = Bj.Sign(held);

        var first = TjCosignature(note, await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], note)));
        var second = TjCosignature(note, await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], note)));

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Not.Null);
        Assert.That(second!.Value, Is.GreaterThanOrEqualTo(first!.Value));
        Assert.That(second.Value, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task AddCheckpoint_OldSizeAboveCheckpointSize_InvalidArgument()
    {
        var held = await HeldAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], Bj.Sign(held - 1))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    /// <summary>The size tj last cosigned for bj, learnt as bj would: from a stale old_size.</summary>
    private async Task<ulong> HeldAsync()
    {
        try
        {
            await Tj.AddCheckpointAsync(LogPlayer.Request(0, [], Bj.Sign(RealSize)));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            return Witnessing.WitnessSize(ex);
        }
        Assert.Fail("tj accepted old_size 0 for a log it has witnessed");
        return 0;
    }

    private async Task<string> MirrorStateAsync() =>
        (await new LedgerService.LedgerServiceClient(Peers["tj"].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest()))
            .Mirrors.Single(m => m.Region == "bj").State;

    /// <summary>The time of tj's valid cosignature of note in the answer, or null.</summary>
    private DateTimeOffset? TjCosignature(string note, AddCheckpointResponse answer)
    {
        var witness = Witnessing.Trust(Peers).Region("tj")!.WitnessKeys[0];
        var cosigned = SignedNote.Parse(note + string.Concat(answer.Cosignatures)).Value!;
        var checkpoint = Checkpoint.ParseBody(cosigned.Text).Value!;
        return cosigned.Signatures
            .Select(s => Cosigner.TryVerify(witness, checkpoint, s, out var time) ? time : (DateTimeOffset?)null)
            .FirstOrDefault(t => t is not null);
    }
}
