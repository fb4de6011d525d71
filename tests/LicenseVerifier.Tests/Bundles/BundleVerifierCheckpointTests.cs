using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Notes;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>Failures of the trust checks: origin, suite, checkpoint, issuer signature.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierCheckpointTests(string suiteName) : BundleFixture(suiteName)
{
    [Test]
    public void Verify_UnknownOrigin_UnknownOrigin()
    {
        var bundle = Bundle();
        bundle.Origin = "regional.example/sh";

        AssertFails(Verify(bundle), BundleFailure.UnknownOrigin);
    }

    [Test]
    public void Verify_OtherSuite_SuiteMismatch()
    {
        var bundle = Bundle();
        bundle.Suite = bundle.Suite == CryptoSuite.Gm ? CryptoSuite.Intl : CryptoSuite.Gm;

        AssertFails(Verify(bundle), BundleFailure.SuiteMismatch);
    }

    [TestCase("")]
    [TestCase("regional.example/bj\n5\n")]
    [TestCase("not a note")]
    public void Verify_NotASignedNote_MalformedCheckpoint(string note)
    {
        var bundle = Bundle();
        bundle.Checkpoint = note;

        AssertFails(Verify(bundle), BundleFailure.MalformedCheckpoint);
    }

    [TestCase("regional.example/bj\n5\n")]
    [TestCase("regional.example/bj\n5\nnot-base64\n")]
    [TestCase("regional.example/bj\n05\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void Verify_BadCheckpointBody_MalformedCheckpoint(string body)
    {
        var bundle = Bundle();
        bundle.Checkpoint = WithText(Note(bundle), body);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.MalformedCheckpoint);
        Assert.That(check.Detail, Does.StartWith("checkpoint"));
    }

    [Test]
    public void Verify_TruncatedNote_MalformedCheckpoint()
    {
        var bundle = Bundle();
        bundle.Checkpoint = bundle.Checkpoint[..^10];

        AssertFails(Verify(bundle), BundleFailure.MalformedCheckpoint);
    }

    [Test]
    public void Verify_CheckpointSizeDiffersFromBundle_CheckpointMismatch()
    {
        var (log, license, _) = History();
        var earlier = log.Sign(CosignedAt, Federation.Witness("tj"));
        log.Append(LicenseEntries.Filler(100));
        var bundle = log.Bundle(license, earlier);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.CheckpointMismatch);
        Assert.That(check.Detail, Does.Contain("size 6").And.Contain("size 8"));
    }

    [Test]
    public void Verify_SignedByUnknownKey_IssuerSignature()
    {
        var (log, license, _) = History();
        var stranger = Federation.NewIssuer("bj");
        var note = TestLog.Cosign(SignedNote.Sign(log.Checkpoint().ToBody(), stranger), CosignedAt, Federation.Witness("tj"));

        var check = Verify(log.Bundle(license, note));

        AssertFails(check, BundleFailure.IssuerSignature);
        Assert.That(check.Detail, Does.StartWith(nameof(NoteFailure.MissingIssuerSignature)));
        Assert.That(check.Passed, Is.EqualTo(WellFormed));
    }

    [Test]
    public void Verify_SignedByAnotherRegionsIssuer_IssuerSignature()
    {
        var (log, license, _) = History();
        var note = SignedNote.Sign(log.Checkpoint().ToBody(), Federation.Issuer("tj"));

        AssertFails(Verify(log.Bundle(license, note), quorum: 0), BundleFailure.IssuerSignature);
    }

    [Test]
    public void Verify_TamperedRoot_IssuerSignature()
    {
        var (log, license, _) = History();
        var note = log.Sign(CosignedAt, Federation.Witness("tj"));
        var checkpoint = Checkpoint.ParseBody(note.Text).Value!;
        var root = checkpoint.RootHash.ToArray();
        root[0] ^= 0x01;
        var bundle = log.Bundle(license, note);
        bundle.Checkpoint = WithText(note, (checkpoint with { RootHash = root }).ToBody());

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.IssuerSignature);
        Assert.That(check.Detail, Does.StartWith(nameof(NoteFailure.BadIssuerSignature)));
    }

    [Test]
    public void Verify_TamperedExtensionLine_IssuerSignature()
    {
        var bundle = Bundle();
        var note = Note(bundle);
        bundle.Checkpoint = WithText(note, note.Text + "extension added later\n");

        AssertFails(Verify(bundle), BundleFailure.IssuerSignature);
    }

    [Test]
    public void Verify_IssuerSignatureBitFlipped_IssuerSignature()
    {
        var bundle = Bundle();
        var note = Note(bundle);
        var issuer = note.Signatures[0];
        var bytes = issuer.Signature.ToArray();
        bytes[^1] ^= 0x01;
        var forged = SignedNote.Parse(note.ToString().Replace(issuer.ToLine(), (issuer with { Signature = bytes }).ToLine(), StringComparison.Ordinal));
        bundle.Checkpoint = forged.Value!.ToString();

        AssertFails(Verify(bundle), BundleFailure.IssuerSignature);
    }

    [Test]
    public void Verify_RotatedKeysOneSignatureBad_IssuerSignature()
    {
        var (log, license, _) = History();
        var retired = Federation.NewIssuer("bj");
        var current = Federation.NewIssuer("bj");
        var policy = new TrustPolicy(Suite, [Federation.Trusted("bj", retired, current), Federation.Trusted("tj"), Federation.Trusted("he")], 1);
        var note = SignedNote.Sign(log.Checkpoint().ToBody(), retired, current);
        var bad = note.Signatures[0];
        var bytes = bad.Signature.ToArray();
        bytes[^1] ^= 0x01;
        note = TestLog.Cosign(note.WithSignature(bad with { Signature = bytes }), CosignedAt, Federation.Witness("tj"));

        var check = BundleVerifier.Verify(log.Bundle(license, note), policy, Now);

        AssertFails(check, BundleFailure.IssuerSignature);
    }

    /// <summary>The note's signature lines under another text.</summary>
    private static string WithText(SignedNote note, string text) => text + "\n" + string.Concat(note.Signatures.Select(s => s.ToLine()));
}
