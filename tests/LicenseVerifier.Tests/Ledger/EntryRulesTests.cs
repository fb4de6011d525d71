using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>EntryRules.Check on single entries, for the kinds and fields the block tests do not
/// reach: key rotation, consent withdrawal, catalog entries without a type, validity out of range.</summary>
public class EntryRulesTests
{
    private const string Region = "he";
    private static readonly string Licence = ChainEntries.LicenseId(Region, 5);

    [TestCase("KeyRotated", TestName = "Check_KeyRotatedWithNewKey_Valid")]
    [TestCase("ConsentWithdrawn", TestName = "Check_ConsentWithdrawnForIssued_Valid")]
    [TestCase("Catalog", TestName = "Check_CatalogEntry_Valid")]
    [TestCase("AmendedV2", TestName = "Check_AmendedToVersion2_Valid")]
    [TestCase("IssuedNoDigests", TestName = "Check_IssuedWithoutDigests_Valid")]
    public void Check_ValidEntry_Null(string scenario)
    {
        Assert.That(EntryRules.Check(Entry(scenario), Region, History()), Is.Null);
    }

    [TestCase("KeyRotatedNoKey", "new_verifier_key", TestName = "Check_KeyRotatedWithoutNewKey_Problem")]
    [TestCase("KeyRotatedOtherName", "want the previous key's name", TestName = "Check_KeyRotatedToKeyOfOtherName_Problem")]
    [TestCase("KeyRotatedSameKey", "is the previous key", TestName = "Check_KeyRotatedToSameKey_Problem")]
    [TestCase("KeyRotatedOtherAlgorithm", "the suite never changes", TestName = "Check_KeyRotatedToOtherAlgorithm_Problem")]
    [TestCase("KeyRotatedNoEndorsement", "without an endorsement", TestName = "Check_KeyRotatedWithoutEndorsement_Problem")]
    [TestCase("ConsentWithdrawnNeverIssued", "never issued", TestName = "Check_ConsentWithdrawnForUnknownLicence_Problem")]
    [TestCase("CatalogNoType", "licence type", TestName = "Check_CatalogEntryWithoutType_Problem")]
    [TestCase("IssuedValidityOutOfRange", "validity", TestName = "Check_IssuedValidityBeyondYear9999_Problem")]
    [TestCase("AmendedValidityOutOfRange", "validity", TestName = "Check_AmendedValidityWithNegativeNanos_Problem")]
    [TestCase("AmendedDigests31Bytes", "31 bytes", TestName = "Check_AmendedDigest31Bytes_Problem")]
    [TestCase("RecordedAtNanosOutOfRange", "recorded_at", TestName = "Check_RecordedAtNanosOutOfRange_Problem")]
    public void Check_InvalidEntry_Problem(string scenario, string problem)
    {
        Assert.That(EntryRules.Check(Entry(scenario), Region, History()), Does.Contain(problem));
    }

    /// <summary>A valid rotation of he's Ed25519 key, then broken as the scenario says.</summary>
    private static KeyRotated Rotation(string scenario)
    {
        var previous = NoteSigner.Create("regional.example/he", PrivateKey.Generate(SignatureAlgorithm.Ed25519));
        var rotated = KeyRotation.Endorse(previous, NoteSigner.Create("regional.example/he", PrivateKey.Generate(SignatureAlgorithm.Ed25519)).Verifier);
        var other = scenario switch
        {
            "KeyRotatedOtherName" => NoteVerifier.Create("regional.example/tj", PrivateKey.Generate(SignatureAlgorithm.Ed25519).PublicKey).VerifierKey,
            "KeyRotatedSameKey" => previous.Verifier.VerifierKey,
            "KeyRotatedOtherAlgorithm" => NoteVerifier.Create("regional.example/he", PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey).VerifierKey,
            "KeyRotatedNoKey" => "",
            _ => rotated.NewVerifierKey,
        };
        rotated.NewVerifierKey = other;
        rotated.Endorsement = scenario == "KeyRotatedNoEndorsement" ? Google.Protobuf.ByteString.Empty : rotated.Endorsement;
        return rotated;
    }

    private static MemoryHistory History()
    {
        var history = new MemoryHistory();
        history.Apply([ChainEntries.Issued(Suite.Intl, Region, Licence)]);
        return history;
    }

    private static LedgerEntry Entry(string scenario)
    {
        var suite = Suite.Intl;
        switch (scenario)
        {
            case "KeyRotated" or "KeyRotatedNoKey" or "KeyRotatedOtherName" or "KeyRotatedSameKey" or "KeyRotatedOtherAlgorithm" or "KeyRotatedNoEndorsement":
                return ChainEntries.Entry(Region, e => e.KeyRotated = Rotation(scenario));
            case "ConsentWithdrawn" or "ConsentWithdrawnNeverIssued":
                var id = scenario == "ConsentWithdrawn" ? Licence : ChainEntries.LicenseId(Region, 9);
                return ChainEntries.Entry(Region, e => e.ConsentWithdrawn = new ConsentWithdrawn { GrantId = "g-1", LicenseId = id });
            case "Catalog":
                return ChainEntries.Catalog(Region);
            case "CatalogNoType":
                return ChainEntries.Entry(Region, e => e.CatalogEntry = new CatalogEntry { Revision = 1 });
            case "AmendedV2":
                return ChainEntries.Amended(suite, Region, Licence, 2);
            case "IssuedNoDigests":
                var bare = ChainEntries.Issued(suite, Region, ChainEntries.LicenseId(Region, 6));
                bare.LicenseIssued.FieldDigests.Clear();
                return bare;
            case "IssuedValidityOutOfRange":
                var issued = ChainEntries.Issued(suite, Region, ChainEntries.LicenseId(Region, 6));
                issued.LicenseIssued.Validity.NotAfter = new Timestamp { Seconds = 253_402_300_800 };
                return issued;
            case "AmendedValidityOutOfRange":
                var amended = ChainEntries.Amended(suite, Region, Licence, 2);
                amended.LicenseAmended.Validity.NotBefore = new Timestamp { Seconds = 0, Nanos = -1 };
                return amended;
            case "AmendedDigests31Bytes":
                var shortDigest = ChainEntries.Amended(suite, Region, Licence, 2);
                shortDigest.LicenseAmended.FieldDigests.Clear();
                shortDigest.LicenseAmended.FieldDigests.Add(ChainEntries.Digests(suite, ["address"], hashSize: 31));
                return shortDigest;
            case "RecordedAtNanosOutOfRange":
                var late = ChainEntries.Catalog(Region);
                late.RecordedAt = new Timestamp { Seconds = 1, Nanos = 1_000_000_000 };
                return late;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }
    }
}
