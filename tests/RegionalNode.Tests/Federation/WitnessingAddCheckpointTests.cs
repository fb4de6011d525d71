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
public sealed class WitnessingAddCheckpointTests
{
    private TestFederation _federation = null!;
    private LogPlayer _bj = null!;
    private GrpcChannel _asBj = null!;
    private ulong _realSize;

    private LedgerService.LedgerServiceClient Tj => new(_asBj);

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        _federation = await TestFederation.StartAsync(regions: ["bj", "tj"]);
        var bj = new LicenseClient(_federation["bj"].Channel);
        await bj.IssueAsync();
        var head = await MirroringTests.EventuallyAsync(
            async () => (await bj.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog,
            s => s.Cosignatures >= 1);
        Assert.That(head.Cosignatures, Is.GreaterThanOrEqualTo(1u), "tj never cosigned bj's head");
        _realSize = await Witnessing.MirrorSizeAsync(_federation["tj"], "bj", head.TreeSize);
        await _federation["bj"].StopAsync();
        _bj = await LogPlayer.FromMirrorAsync(_federation, "bj", _federation["tj"].Channel);
        _asBj = _federation["tj"].CreateChannel(_federation.Ca.IssueNode("bj"));
    }

    [OneTimeTearDown]
    public async Task StopFederation()
    {
        _asBj.Dispose();
        await _federation.DisposeAsync();
    }

    [Test]
    public void AddCheckpoint_NoClientCertificate_Unauthenticated()
    {
        using var anonymous = _federation["tj"].CreateChannel();
        var call = new LedgerService.LedgerServiceClient(anonymous);

        var error = Assert.ThrowsAsync<RpcException>(async () => await call.AddCheckpointAsync(LogPlayer.Request(0, [], _bj.Sign(_realSize))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public void AddCheckpoint_CallerIsTjSubmittingBjLog_PermissionDenied()
    {
        using var asTj = _federation["tj"].CreateChannel(_federation.Ca.IssueNode("tj"));

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new LedgerService.LedgerServiceClient(asTj).AddCheckpointAsync(LogPlayer.Request(_realSize, [], _bj.Sign(_realSize))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("bj"));
    }

    [TestCase("regional.example/xx", true, StatusCode.NotFound, TestName = "AddCheckpoint_UnknownOrigin_NotFound")]
    [TestCase("regional.example/bj", true, StatusCode.NotFound, TestName = "AddCheckpoint_UnknownKey_NotFound")]
    [TestCase("regional.example/bj", false, StatusCode.InvalidArgument, TestName = "AddCheckpoint_MalformedNote_InvalidArgument")]
    public void AddCheckpoint_NotATrustedCheckpoint_Refused(string origin, bool wellFormed, StatusCode expected)
    {
        var stranger = NoteSigner.Create(origin, PrivateKey.Generate(_bj.Suite.SignatureAlgorithm));
        var note = SignedNote.Sign(new Checkpoint(origin, _realSize, _bj.Root(_realSize)).ToBody(), stranger).ToString();
        note = wellFormed ? note : note.Replace("\n\n", "\n", StringComparison.Ordinal);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(_realSize, [], note)));

        Assert.That(error!.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public void AddCheckpoint_IssuerSignatureOfAnotherBody_PermissionDenied()
    {
        // Arrange: bj's real signature, made over size - 1, grafted under the body of size.
        var otherSignature = _bj.Sign(_realSize - 1).Split("\n\n")[1];
        var forged = new Checkpoint(_bj.Origin, _realSize, _bj.Root(_realSize)).ToBody() + "\n" + otherSignature;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(_realSize, [], forged)));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task AddCheckpoint_StaleOldSize_FailedPreconditionWithWitnessSizeThenRetryCosigns()
    {
        var held = await HeldAsync();
        var note = _bj.Sign(held);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(0, [], note)));
        var retry = await Tj.AddCheckpointAsync(LogPlayer.Request(Witnessing.WitnessSize(error!), [], note));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(Witnessing.WitnessSize(error), Is.EqualTo(held).And.GreaterThanOrEqualTo(_realSize));
        Assert.That(TjCosignature(note, retry), Is.Not.Null);
    }

    [Test]
    public async Task AddCheckpoint_BadConsistencyProof_InvalidArgumentAndNotHalted()
    {
        var held = await HeldAsync();
        _bj.AppendMadeUp(3);
        var proof = _bj.Proof(held, _bj.Size);
        proof[0][0] ^= 0x01;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(held, proof, _bj.Sign(_bj.Size))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
        Assert.That(await MirrorStateAsync(), Is.Not.EqualTo("halted"));
    }

    [Test]
    public async Task AddCheckpoint_ConsistentLargerCheckpoint_CosignsAndAdvancesWitnessSize()
    {
        var held = await HeldAsync();
        _bj.AppendMadeUp(2);
        var note = _bj.Sign(_bj.Size);

        var answer = await Tj.AddCheckpointAsync(LogPlayer.Request(held, _bj.Proof(held, _bj.Size), note));

        Assert.That(TjCosignature(note, answer), Is.Not.Null);
        Assert.That(await HeldAsync(), Is.EqualTo(_bj.Size));
    }

    [Test]
    public async Task AddCheckpoint_Replay_CosignsAgainWithFreshTime()
    {
        var held = await HeldAsync();
        var note = _bj.Sign(held);

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

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], _bj.Sign(held - 1))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    /// <summary>The size tj last cosigned for bj, learnt as bj would: from a stale old_size.</summary>
    private async Task<ulong> HeldAsync()
    {
        try
        {
            await Tj.AddCheckpointAsync(LogPlayer.Request(0, [], _bj.Sign(_realSize)));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            return Witnessing.WitnessSize(ex);
        }
        Assert.Fail("tj accepted old_size 0 for a log it has witnessed");
        return 0;
    }

    private async Task<string> MirrorStateAsync() =>
        (await new LedgerService.LedgerServiceClient(_federation["tj"].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest()))
            .Mirrors.Single(m => m.Region == "bj").State;

    /// <summary>The time of tj's valid cosignature of note in the answer, or null.</summary>
    private DateTimeOffset? TjCosignature(string note, AddCheckpointResponse answer)
    {
        var witness = Witnessing.Trust(_federation).Region("tj")!.WitnessKeys[0];
        var cosigned = SignedNote.Parse(note + string.Concat(answer.Cosignatures)).Value!;
        var checkpoint = Checkpoint.ParseBody(cosigned.Text).Value!;
        return cosigned.Signatures
            .Select(s => Cosigner.TryVerify(witness, checkpoint, s, out var time) ? time : (DateTimeOffset?)null)
            .FirstOrDefault(t => t is not null);
    }
}
