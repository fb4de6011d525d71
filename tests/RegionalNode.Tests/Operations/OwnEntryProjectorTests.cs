using Regional.Node.Operations;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Tests.Operations;

/// <summary>The issuing region's own state rebuilt from entries recovered from a peer.</summary>
public class OwnEntryProjectorTests
{
    private IStoreSession _session = null!;

    [SetUp]
    public void OpenDatabase()
    {
        _session = SqliteSession.Connect("Data Source=:memory:");
        _session.Migrate();
    }

    [TearDown]
    public void CloseDatabase() => _session.Dispose();

    [Test]
    public void Apply_RecoveredLicenceIssued_NextIdFollowsIt()
    {
        var entry = new LedgerEntry { LicenseIssued = new LicenseIssued { LicenseId = "BJ-2025-000042" } };

        var notHeld = OwnEntryProjector.Apply(_session, 7, entry);

        Assert.That(notHeld, Is.EqualTo(1));
        Assert.That(_session.Licenses.NextNumber("license:2025"), Is.EqualTo(43));
    }

    [Test]
    public void Apply_RecoveredIdBelowCounter_CounterKept()
    {
        _session.Licenses.NextNumber("license:2025");
        _session.Licenses.NextNumber("license:2025");

        OwnEntryProjector.Apply(_session, 0, new LedgerEntry { LicenseIssued = new LicenseIssued { LicenseId = "BJ-2025-000001" } });

        Assert.That(_session.Licenses.NextNumber("license:2025"), Is.EqualTo(3));
    }

    [Test]
    public void Apply_RecoveredGrantThenWithdrawal_GrantKnownAndWithdrawn()
    {
        var grant = new ConsentGranted { GrantId = "G-1", LicenseId = "BJ-2025-000001" };

        OwnEntryProjector.Apply(_session, 3, new LedgerEntry { ConsentGranted = grant });
        OwnEntryProjector.Apply(_session, 4, new LedgerEntry { ConsentWithdrawn = new ConsentWithdrawn { GrantId = "G-1", LicenseId = "BJ-2025-000001" } });

        var row = _session.Consent.Find("G-1");
        Assert.That(row, Is.Not.Null);
        Assert.That((row!.LeafIndex, row.Withdrawn), Is.EqualTo((3UL, true)));
    }
}
