using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
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

    [TestCase("KeyRotatedNoKey", "new key", TestName = "Check_KeyRotatedWithoutNewKey_Problem")]
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
            case "KeyRotated" or "KeyRotatedNoKey":
                var key = scenario == "KeyRotated" ? "regional.example/he+01020304+AQID" : "";
                return ChainEntries.Entry(Region, e => e.KeyRotated = new KeyRotated { NewVerifierKey = key });
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
