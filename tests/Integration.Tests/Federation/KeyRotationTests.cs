using Grpc.Core;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Tests.Support;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Integration.Tests.Federation;

/// <summary>
/// Beijing rotates its log signing key: the node is stopped, `rotate-key` runs as the operator runs
/// it (its own process, on the node's data folder), the trust file is edited as it prints, and the
/// node restarts. Tianjin and Hebei, still running with the old trust file, follow the rotation from
/// the log: their mirrors reach bj's root, their witnesses cosign checkpoints signed by the new key,
/// licences from before and after the rotation verify offline, and the old key is refused beyond
/// the rotation by the witness and by BundleVerifier.
/// </summary>
[NonParallelizable]
public class KeyRotationTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(240_000)]
    public async Task RotateBjKey_WhileTjAndHeRun_TheyFollowAndOldKeyIsRefusedBeyondRotation()
    {
        await using var federation = await TestFederation.StartAsync(witnessQuorum: 1);
        var bj = federation["bj"];
        var oldPolicy = RelyingParty.PolicyFromTrustFile(federation.TrustFilePath);
        var before = await new NodeClient(bj.Channel, "bj").IssueAsync();
        var (beforeAnswer, _) = await Eventually.UntilAsync(() => new NodeClient(federation["tj"].Channel, "tj").VerifyAsync(before.LicenseId),
            r => r.Status == VerificationStatus.Valid && BundleVerifier.Verify(r.Proof, oldPolicy, DateTimeOffset.UtcNow).IsValid, Within);

        // Act: the key ceremony, node stopped; then the trust file edit it prints, and a restart.
        await bj.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var rotation = await KeyCeremony.RotateAsync([
            "--Node:Region=bj", $"--Node:DataDirectory={bj.DataDirectory}", $"--Node:Suite={federation.SuiteName}", $"--Node:Listen=127.0.0.1:{bj.Port}"]);
        KeyCeremony.UpdateTrustFile(federation.TrustFilePath, "bj", rotation);
        var keyFile = Directory.GetFiles(Path.Combine(bj.DataDirectory, "keys"), "signing-*.key").Single();
        File.Move(keyFile, keyFile + ".away");
        var missing = Assert.CatchAsync(bj.StartAsync, "the log names the new key: without its file the node must not start");
        Assert.That(missing!.Message, Does.Contain(Path.GetFileName(keyFile)).And.Contain("missing"));
        File.Move(keyFile + ".away", keyFile);
        await bj.StartAsync();
        var bjClient = new NodeClient(bj.Channel, "bj");
        var after = await bjClient.IssueAsync();
        var policy = RelyingParty.PolicyFromTrustFile(federation.TrustFilePath);

        // Assert: bj signs with the new key; tj and he mirror bj to its root.
        var own = (await bjClient.StatusAsync()).OwnLog;
        Assert.That((await bjClient.StatusAsync()).VerifierKey, Is.EqualTo(rotation.NewKey));
        Assert.That(own.TreeSize, Is.GreaterThan(rotation.LastTreeSize));
        foreach (var region in new[] { "tj", "he" })
        {
            var (mirror, _) = await Eventually.UntilAsync(() => new NodeClient(federation[region].Channel, region).MirrorAsync("bj"),
                m => m.TreeSize >= own.TreeSize, Within);
            Assert.That(mirror.TreeSize, Is.EqualTo(own.TreeSize), $"{region}: {mirror.State}");
            Assert.That(mirror.Checkpoint.RootHash, Is.EqualTo(own.Checkpoint.RootHash), region);
        }

        // Both witnesses cosign bj's newest checkpoint, which the new key signed.
        var bjLog = policy.FindByOrigin(own.Origin)!;
        var (cosigned, _) = await Eventually.UntilAsync(async () => SignedNote.Parse((await bjClient.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint.Note).Value!,
            note => NoteVerification.VerifyCosignatures(note, policy.WitnessesFor(bjLog)).Verified.Count >= 2, Within);
        Assert.That(NoteVerification.VerifyCosignatures(cosigned, policy.WitnessesFor(bjLog)).Verified, Has.Count.EqualTo(2));
        Assert.That(bjLog.CheckIssuer(cosigned, Checkpoint.ParseBody(cosigned.Text).Value!.Size).Signer!.VerifierKey, Is.EqualTo(rotation.NewKey));

        // Licences from before (old and new checkpoints) and after the rotation verify with the key history.
        var bundles = new List<(string What, ProofBundle Bundle)> { ("before, old checkpoint", beforeAnswer.Proof) };
        foreach (var (what, id) in new[] { ("before", before.LicenseId), ("after", after.LicenseId) })
        {
            var (answer, _) = await Eventually.UntilAsync(() => new NodeClient(federation["he"].Channel, "he").VerifyAsync(id),
                r => r.Status == VerificationStatus.Valid && BundleVerifier.Verify(r.Proof, policy, DateTimeOffset.UtcNow).IsValid, Within);
            bundles.Add((what, answer.Proof));
        }
        foreach (var (what, bundle) in bundles)
        {
            var check = BundleVerifier.Verify(bundle, policy, DateTimeOffset.UtcNow);
            Assert.That(check.IsValid, Is.True, $"{what}: {check.Failure}: {check.Detail}");
        }

        // The old key, forging a checkpoint beyond the rotation, is refused by the witness and by BundleVerifier.
        var oldKey = KeyCeremony.FirstKey(bj.DataDirectory, own.Origin, Suite.FromName(federation.SuiteName)!.SignatureAlgorithm);
        Assert.That(oldKey.Verifier.VerifierKey, Is.EqualTo(rotation.RetiredKey));
        var afterBundle = bundles[^1].Bundle;
        var body = SignedNote.Parse(afterBundle.Checkpoint).Value!;
        var forged = body.Signatures.Where(s => s.KeyName != own.Origin)
            .Aggregate(SignedNote.Sign(body.Text, oldKey), (note, s) => note.WithSignature(s)).ToString();
        using var asBj = federation["tj"].CreateChannel(federation.Ca.IssueNode("bj"));
        var refused = Assert.ThrowsAsync<RpcException>(async () => await new LedgerService.LedgerServiceClient(asBj).AddCheckpointAsync(
            new AddCheckpointRequest { OldSize = 0, Checkpoint = forged }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), refused.Status.Detail);
        Assert.That(refused.Status.Detail, Does.Contain("retired key"));
        var forgedCheck = BundleVerifier.Verify(new ProofBundle(afterBundle) { Checkpoint = forged }, policy, DateTimeOffset.UtcNow);
        Assert.That(forgedCheck.Failure, Is.EqualTo(BundleFailure.RetiredIssuerKey), forgedCheck.Detail);
        Assert.That(BundleVerifier.Verify(new ProofBundle(afterBundle) { Checkpoint = forged }, oldPolicy, DateTimeOffset.UtcNow).IsValid, Is.True,
            "a relying party that never updated its trust file cannot tell: the reason relying parties must list the retired key");
    }
}
