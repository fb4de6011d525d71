using System.Text;
using BenchmarkDotNet.Attributes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>Signature checks: the raw floor, a checkpoint's issuer signature, one witness cosignature.</summary>
public class SignatureBenchmarks : SuiteBenchmark
{
    private Federation? _federation;
    private string _noteText = "";
    private SignedNote? _note;
    private IReadOnlyCollection<NoteVerifier> _witnesses = [];
    private PublicKey? _key;
    private byte[] _message = [];
    private byte[] _signature = [];

    /// <summary>Signs a checkpoint of a 2^20-leaf log and a raw message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _federation = new Federation(Suite);
        var checkpoint = new Checkpoint(Federation.Origin, 1UL << 20, Suite.Hash("root"u8));
        _note = _federation.SignAndCosign(checkpoint);
        _noteText = _note.ToString();
        _witnesses = [_federation.Witness.Verifier];
        _message = Encoding.UTF8.GetBytes(checkpoint.ToBody());
        _signature = _federation.Issuer.Key.Sign(_message);
        _key = _federation.Issuer.Key.PublicKey;
        if (!RawVerify() || !VerifyCheckpoint() || VerifyCosignature() != 1)
        {
            throw new InvalidOperationException("setup: a signature does not verify");
        }
    }

    /// <summary>Floor: PublicKey.Verify of a checkpoint-sized message (SM2 with user id, or Ed25519).</summary>
    [Benchmark]
    public bool RawVerify() => _key!.Verify(_message, _signature);

    /// <summary>SignedNote.Parse of the note text plus NoteVerification.VerifyIssuer.</summary>
    [Benchmark]
    public bool VerifyCheckpoint() => NoteVerification.VerifyIssuer(SignedNote.Parse(_noteText).Value!, _federation!.Issuer.Verifier).IsValid;

    /// <summary>NoteVerification.VerifyCosignatures of a parsed note by one known witness.</summary>
    [Benchmark]
    public int VerifyCosignature() => NoteVerification.VerifyCosignatures(_note!, _witnesses).Verified.Count;
}
