using Grpc.Core;
using Grpc.Net.Client;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Federation;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Tests.Hostile;

/// <summary>
/// Hostile AddCheckpoint calls and callers on a real tj node, with bj stopped and played by a
/// <see cref="LogPlayer"/> (as in <see cref="WitnessingAddCheckpointTests"/>, which covers no or a
/// wrong caller certificate, unknown origins and keys, grafted issuer signatures, a stale old_size,
/// bad proofs and the cosignature of a replay). Here each case also asserts that every ledger tj
/// holds and the size it witnessed are unchanged.
/// </summary>
[TestFixture]
public sealed class HostileWitnessTests : PlayedIssuerFixture
{
    private GrpcChannel TjChannel => Peers["tj"].Channel;

    protected override int Licences => 2;

    [Test]
    public async Task AddCheckpoint_OlderSizeThanHeld_FailedPreconditionStateUnchanged()
    {
        var held = await HeldAsync();
        Assume.That(held, Is.GreaterThan(1ul));
        var before = await LedgerSnapshot.SettledAsync(TjChannel);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(held - 1, [], Bj.Sign(held - 1))));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition), error.Status.Detail);
        Assert.That(Witnessing.WitnessSize(error), Is.EqualTo(held));
        Assert.That(await LedgerSnapshot.SettledAsync(TjChannel), Is.EqualTo(before));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
    }

    [Test]
    public async Task AddCheckpoint_ReplayedThreeTimes_CosignedEachTimeStateUnchanged()
    {
        var held = await HeldAsync();
        var note = Bj.Sign(held);
        var before = await LedgerSnapshot.SettledAsync(TjChannel);

        var answers = new List<AddCheckpointResponse>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], note)));
        }

        Assert.That(answers.Select(a => ValidTjCosignatures(note, a.Cosignatures)), Is.All.EqualTo(1));
        Assert.That(await LedgerSnapshot.SettledAsync(TjChannel), Is.EqualTo(before));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
    }

    [Test]
    public async Task AddCheckpoint_NoteWithForgedCosignatures_OnlyTjsOwnReturnedStateUnchanged()
    {
        // Arrange: the honest note plus a cosignature line under tj's witness key with random bytes,
        // and one by a witness nobody trusts.
        var held = await HeldAsync();
        var witness = Witnessing.Trust(Peers).Region("tj")!.WitnessKeys[0];
        var stranger = NoteSigner.Create("witness.example/stranger", PrivateKey.Generate(Bj.Suite.SignatureAlgorithm), NoteKeyKind.Cosignature);
        var checkpoint = new Checkpoint(Bj.Origin, held, Bj.Root(held));
        var forgedBytes = new byte[72];
        new Random(7).NextBytes(forgedBytes);
        var forged = new NoteSignature(witness.Name, witness.KeyId, forgedBytes).ToLine();
        var note = Bj.Sign(held) + forged + Cosigner.Cosign(stranger, checkpoint, DateTimeOffset.UtcNow).ToLine();
        var before = await LedgerSnapshot.SettledAsync(TjChannel);

        var answer = await Tj.AddCheckpointAsync(LogPlayer.Request(held, [], note));

        Assert.That(answer.Cosignatures, Has.Count.EqualTo(1));
        Assert.That(answer.Cosignatures, Does.Not.Contain(forged));
        Assert.That(ValidTjCosignatures(Bj.Sign(held), answer.Cosignatures), Is.EqualTo(1));
        Assert.That(ValidTjCosignatures(Bj.Sign(held), [forged]), Is.Zero, "the forged line never verifies");
        Assert.That(await LedgerSnapshot.SettledAsync(TjChannel), Is.EqualTo(before));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
    }

    [Test]
    public async Task IssueLicenseAndAddCheckpoint_CallerCertificateFromAnotherCa_RefusedAtHandshakeLedgersUnchanged()
    {
        using var other = TestCa.Create("Regional Test CA");
        using var clerk = Peers["tj"].CreateChannel(other.IssueClient("tj", "tj-samr", "issuer"));
        using var impostor = Peers["tj"].CreateChannel(other.IssueNode("bj"));
        var held = await HeldAsync();
        var before = await LedgerSnapshot.SettledAsync(TjChannel);

        var issue = Assert.ThrowsAsync<RpcException>(async () =>
            await new LicenseService.LicenseServiceClient(clerk).IssueLicenseAsync(LicenseClient.BusinessLicence("tj")));
        var add = Assert.ThrowsAsync<RpcException>(async () =>
            await new LedgerService.LedgerServiceClient(impostor).AddCheckpointAsync(LogPlayer.Request(held, [], Bj.Sign(held))));

        Assert.That(issue!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal), issue.Status.Detail);
        Assert.That(add!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal), add.Status.Detail);
        Assert.That(await LedgerSnapshot.SettledAsync(TjChannel), Is.EqualTo(before));
        Assert.That(await HeldAsync(), Is.EqualTo(held));
    }

    /// <summary>The size tj last cosigned for bj, learnt from a stale old_size.</summary>
    private async Task<ulong> HeldAsync()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await Tj.AddCheckpointAsync(LogPlayer.Request(0, [], Bj.Sign(RealSize))));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        return Witnessing.WitnessSize(error);
    }

    /// <summary>How many of the lines are tj's valid cosignatures of the note's checkpoint.</summary>
    private int ValidTjCosignatures(string note, IEnumerable<string> lines)
    {
        var witness = Witnessing.Trust(Peers).Region("tj")!.WitnessKeys[0];
        var cosigned = SignedNote.Parse(note + string.Concat(lines)).Value!;
        var checkpoint = Checkpoint.ParseBody(cosigned.Text).Value!;
        return cosigned.Signatures.Count(s => Cosigner.TryVerify(witness, checkpoint, s, out _));
    }
}
