using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>Keys of a two-region federation: Beijing's log key and Tianjin's witness key.</summary>
internal sealed class Federation
{
    public const string Origin = "regional.example/bj";

    public Federation(Suite suite)
    {
        Suite = suite;
        Issuer = NoteSigner.Create(Origin, PrivateKey.Generate(suite.SignatureAlgorithm));
        Witness = NoteSigner.Create("witness.regional.example/tj", PrivateKey.Generate(suite.SignatureAlgorithm), NoteKeyKind.Cosignature);
        var ownWitness = NoteSigner.Create("witness.regional.example/bj", PrivateKey.Generate(suite.SignatureAlgorithm), NoteKeyKind.Cosignature);
        Policy = new TrustPolicy(suite,
        [
            new TrustedLog("bj", Origin, [Issuer.Verifier], [ownWitness.Verifier]),
            new TrustedLog("tj", "regional.example/tj", [], [Witness.Verifier]),
        ], witnessQuorum: 1);
    }

    public Suite Suite { get; }

    public NoteSigner Issuer { get; }

    public NoteSigner Witness { get; }

    public TrustPolicy Policy { get; }

    /// <summary>The checkpoint signed by the issuer and cosigned by Tianjin's witness.</summary>
    public SignedNote SignAndCosign(Checkpoint checkpoint) =>
        SignedNote.Sign(checkpoint.ToBody(), Issuer).WithSignature(Cosigner.Cosign(Witness, checkpoint, SampleData.Now.AddMinutes(-1)));
}
