using Google.Protobuf.WellKnownTypes;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Tests.Storage;

/// <summary>The sharing store (the directory chain's applications and decisions) on every engine.</summary>
public abstract partial class StoreSessionContract
{
    [Test]
    public void Sharing_ApplicationThenDecisions_ReadBackWithTheirLeaves()
    {
        // Arrange
        using var writer = _database.Open();
        var (bj, tj) = writer.WriteTransaction(() => (writer.Log.EnsureLog("regional.example/bj", "bj", isOwn: true), writer.Log.EnsureLog("regional.example/tj", "tj", isOwn: false)));

        // Act
        writer.WriteTransaction(() =>
        {
            writer.Sharing.AddApplication(bj, Applied("ap-000000000000000000000001", "tj-civil-affairs"), 3);
            writer.Sharing.AddApplication(bj, Applied("ap-000000000000000000000002", "tj-civil-affairs"), 5);
            writer.Sharing.AddApplication(bj, Applied("ap-000000000000000000000003", "he-tax"), 6);
            writer.Sharing.AddApplication(tj, Applied("ap-000000000000000000000004", "bj-samr"), 2);
            writer.Sharing.AddApproval(new SharingApproved { ApplicationId = "ap-000000000000000000000001", Fields = { "location" }, MatterCodes = { "household-registration" }, Until = Until }, 7);
            writer.Sharing.AddRevocation(new SharingRevoked { ApplicationId = "ap-000000000000000000000001", Reason = "no longer needed" }, 9);
            writer.Sharing.AddRefusal(new SharingRefused { ApplicationId = "ap-000000000000000000000002", Reason = "not the matter's department" }, 8);
        });

        // Assert
        using var reader = _database.Open();
        var revoked = reader.Sharing.Find("ap-000000000000000000000001")!;
        var refused = reader.Sharing.Find("ap-000000000000000000000002")!;
        Assert.Multiple(() =>
        {
            Assert.That((revoked.Region, revoked.AppliedLeaf, revoked.DecidedLeaf, revoked.RevokedLeaf, revoked.Reason), Is.EqualTo(("bj", 3UL, (ulong?)7, (ulong?)9, "no longer needed")));
            Assert.That(revoked.Approval!.Fields, Is.EqualTo(new[] { "location" }));
            Assert.That((refused.Refused, refused.Approval, refused.DecidedLeaf, refused.Revoked), Is.EqualTo((true, (SharingApproved?)null, (ulong?)8, false)));
            Assert.That(reader.Sharing.Find("ap-00000000000000000000000f"), Is.Null);
            Assert.That(reader.Sharing.List(bj, "real-estate-certificate", "tj-civil-affairs").Select(r => r.Id),
                Is.EqualTo(new[] { "ap-000000000000000000000001", "ap-000000000000000000000002" }));
            Assert.That(reader.Sharing.List(null, null, null).Select(r => r.Region), Is.EqualTo(new[] { "bj", "bj", "bj", "tj" }), "by region, then leaf");
            Assert.That(reader.Sharing.List(tj, null, null).Single().Applied.ApplicantDepartment, Is.EqualTo("bj-samr"));
        });
    }

    private static readonly Timestamp Until = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static SharingApplied Applied(string id, string department) => new()
    {
        ApplicationId = id,
        LicenseType = "real-estate-certificate",
        OwningDepartment = "bj-natural-resources",
        ApplicantDepartment = department,
        ApplicantRegion = department.Split('-')[0],
        MatterCodes = { "household-registration" },
        Reason = "户籍迁入核验",
        RequestedUntil = Until,
    };
}
