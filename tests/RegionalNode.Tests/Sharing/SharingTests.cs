using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Tests.Consent;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Sharing;

/// <summary>The directory chain on real TLS nodes: applications relayed to the owning region, decisions by the
/// owning department's issuers only, and access to a conditionally shared type by approval, within it only.
/// Each test applies for a department of its own, so the tests share one federation and one flat.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class SharingTests(string storage)
{
    private SharingScenario _scenario = null!;

    [OneTimeSetUp]
    public async Task Start() => _scenario = await SharingScenario.StartAsync(storage: storage);

    [OneTimeTearDown]
    public async Task Stop() => await _scenario.Consent.DisposeAsync();

    [Test]
    public async Task ApplyForSharing_AtTheApplicantsNode_LandsOnTheOwnersLogWithoutPersonalData()
    {
        // Act
        var applied = await _scenario.ApplyAsync("tj-civil-affairs", ["location"], ["household-registration"]);

        // Assert
        var application = applied.Application;
        var bytes = _scenario.BjEntry(applied.Receipt.LeafIndex);
        var entry = LedgerEntry.Parser.ParseFrom(bytes);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Multiple(() =>
        {
            Assert.That((application.Region, application.State), Is.EqualTo(("bj", ApplicationState.Pending)));
            Assert.That(entry.SharingApplied, Is.EqualTo(application.Applied));
            Assert.That((entry.Region, entry.SharingApplied.ApplicantDepartment, entry.SharingApplied.ApplicantRegion, entry.SharingApplied.OwningDepartment),
                Is.EqualTo(("bj", "tj-civil-affairs", "tj", "bj-natural-resources")));
            Assert.That(text, Does.Not.Contain(ConsentFederation.OwnerName).And.Not.Contain(ConsentFederation.OwnerId).And.Not.Contain(ConsentFederation.Location));
        });
    }

    [Test]
    public async Task ApplyForSharing_ForgedOnBehalfOfHeader_RecordsTheCertificatesDepartment()
    {
        var forged = new Metadata { { "x-regional-on-behalf-of", "tj-housing:issuer:someone-else" } };

        var applied = await _scenario.ApplyAsync("tj-education", [], ["household-registration"], headers: forged);

        Assert.That(applied.Application.Applied.ApplicantDepartment, Is.EqualTo("tj-education"));
    }

    [Test]
    public async Task ApproveApplication_Narrower_AccessWithinSucceedsOutsideRefused()
    {
        // Arrange
        const string department = "tj-health";
        var applied = await _scenario.ApplyAsync(department, ["owner_name", "location", "area_sqm"], [SharingScenario.Matter, "household-registration"]);
        var grant = await _scenario.GrantAsync(department, "owner_name", "location");

        // Act
        var approved = await _scenario.ApproveAsync(applied.Application.Applied.ApplicationId, ["location", "area_sqm"], [SharingScenario.Matter], TimeSpan.FromDays(10));
        await _scenario.Consent.WaitForMirrorAsync(_scenario.LicenseId);
        var within = await _scenario.DownloadAsync(department, grant, SharingScenario.Matter, "location");
        var unnamed = await _scenario.DownloadAsync(department, grant);

        // Assert
        var id = applied.Application.Applied.ApplicationId;
        Assert.Multiple(() =>
        {
            Assert.That(approved.Application.State, Is.EqualTo(ApplicationState.Approved));
            Assert.That(approved.Application.Approval.Fields, Is.EqualTo(new[] { "location", "area_sqm" }));
            Assert.That(approved.Application.Approval.MatterCodes, Is.EqualTo(new[] { SharingScenario.Matter }));
            Assert.That(within.Document.Fields.Select(f => f.Name), Is.EqualTo(new[] { "location" }));
            Assert.That(unnamed.Document.Fields.Select(f => f.Name), Is.EqualTo(new[] { "location" }), "the grant's fields narrowed to the approval's");
        });
        SharingScenario.AssertRefused(() => _scenario.DownloadAsync(department, grant, SharingScenario.Matter, "owner_name"), StatusCode.PermissionDenied, "FIELD_NOT_APPROVED");
        SharingScenario.AssertRefused(() => _scenario.DownloadAsync(department, grant, "household-registration", "location"), StatusCode.PermissionDenied, "NO_APPROVAL");
        var accesses = (await _scenario.AccessesAsync()).Where(a => a.Access.RelyingDepartment == department).ToList();
        Assert.That(accesses.Select(a => a.Access.ApprovalId), Is.EqualTo(new[] { id, id }));
        var type = await new CatalogService.CatalogServiceClient(_scenario.Consent.Federation["bj"].Channel).GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = SharingScenario.Type });
        Assert.That(type.ApprovalsInForce.Select(a => a.ApplicationId), Does.Contain(id));
    }

    [Test]
    public async Task DownloadLicense_NoApplication_RefusedNoApprovalNamingHowToApply()
    {
        var grant = await _scenario.GrantAsync("tj-sport", "location");

        var error = Assert.ThrowsAsync<RpcException>(() => _scenario.DownloadAsync("tj-sport", grant, SharingScenario.Matter, "location"));

        Assert.That(error!.Status.Detail, Does.Contain("regional directory apply real-estate-certificate"));
        SharingScenario.AssertRefused(() => _scenario.DownloadAsync("tj-sport", grant, SharingScenario.Matter, "location"), StatusCode.PermissionDenied, "NO_APPROVAL");
    }

    [Test]
    public async Task ApproveApplication_WiderThanAsked_InvalidArgumentNamingEachField()
    {
        var applied = await _scenario.ApplyAsync("he-civil-affairs", ["location"], [SharingScenario.Matter], TimeSpan.FromDays(5));
        var id = applied.Application.Applied.ApplicationId;

        var fields = SharingScenario.Violations(() => _scenario.ApproveAsync(id, ["owner_name"], ["property-transfer"], TimeSpan.FromDays(6)));

        Assert.That(fields, Is.EquivalentTo(new[] { "fields", "matter_codes", "until" }));
    }

    [Test]
    public async Task RefuseApplication_Pending_RefusedAndNeitherApprovableNorAccessible()
    {
        // Arrange
        var applied = await _scenario.ApplyAsync("tj-transport", ["location"], [SharingScenario.Matter]);
        var id = applied.Application.Applied.ApplicationId;
        var grant = await _scenario.GrantAsync("tj-transport", "location");

        // Act
        var refused = await _scenario.Owner.RefuseApplicationAsync(new RefuseApplicationRequest { ApplicationId = id, Reason = "not needed for this matter" });

        // Assert
        Assert.That((refused.Application.State, refused.Application.DecisionReason), Is.EqualTo((ApplicationState.Refused, "not needed for this matter")));
        Assert.That(LedgerEntry.Parser.ParseFrom(_scenario.BjEntry(refused.Receipt.LeafIndex)).SharingRefused.ApplicationId, Is.EqualTo(id));
        SharingScenario.AssertRefused(() => _scenario.ApproveAsync(id), StatusCode.FailedPrecondition, "NOT_PENDING");
        await _scenario.Consent.WaitForMirrorAsync(_scenario.LicenseId);
        SharingScenario.AssertRefused(() => _scenario.DownloadAsync("tj-transport", grant, SharingScenario.Matter, "location"), StatusCode.PermissionDenied, "NO_APPROVAL");
    }

    [Test]
    public async Task RevokeApproval_WhileDownloadsAreRelayed_LaterOnesRefusedAndEachRecordNamesTheApproval()
    {
        // Arrange
        const string department = "tj-commerce";
        var applied = await _scenario.ApplyAsync(department, ["location"], [SharingScenario.Matter]);
        var id = applied.Application.Applied.ApplicationId;
        await _scenario.ApproveAsync(id);
        var grant = await _scenario.GrantAsync(department, "location");
        await _scenario.Consent.WaitForMirrorAsync(_scenario.LicenseId);
        await _scenario.DownloadAsync(department, grant, SharingScenario.Matter, "location");

        // Act: downloads relayed from tj while bj's owner revokes
        var downloads = Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await _scenario.DownloadAsync(department, grant, SharingScenario.Matter, "location");
                return "ok";
            }
            catch (RpcException ex)
            {
                return ex.ErrorInfo()?.Reason ?? ex.StatusCode.ToString();
            }
        }).ToList();
        var revoked = await _scenario.Owner.RevokeApprovalAsync(new RevokeApprovalRequest { ApplicationId = id, Reason = "the agreement ended" });
        var outcomes = await Task.WhenAll(downloads);

        // Assert
        Assert.That(outcomes, Is.All.AnyOf("ok", "APPROVAL_REVOKED"));
        Assert.That(revoked.Application.State, Is.EqualTo(ApplicationState.Revoked));
        SharingScenario.AssertRefused(() => _scenario.DownloadAsync(department, grant, SharingScenario.Matter, "location"), StatusCode.PermissionDenied, "APPROVAL_REVOKED");
        var accesses = (await _scenario.AccessesAsync()).Where(a => a.Access.RelyingDepartment == department).ToList();
        Assert.That(accesses, Has.Count.EqualTo(1 + outcomes.Count(o => o == "ok")));
        Assert.That(accesses.Select(a => a.Access.ApprovalId), Is.All.EqualTo(id));
        Assert.That(accesses.Select(a => a.LeafIndex), Is.All.LessThan(revoked.Receipt.LeafIndex), "no access ran under the approval after its revocation");
    }

    [Test]
    public async Task ApproveApplication_NotTheTypesOwner_PermissionDeniedNotTypeOwner()
    {
        var applied = await _scenario.ApplyAsync("he-education", ["location"], [SharingScenario.Matter]);
        var request = new ApproveApplicationRequest { ApplicationId = applied.Application.Applied.ApplicationId };

        // The same region's other department; another region's same-named department, at the owner's node and at its own.
        SharingScenario.AssertRefused(() => _scenario.Directory("bj", "bj", "bj-samr", "issuer").ApproveApplicationAsync(request).ResponseAsync, StatusCode.PermissionDenied, "NOT_TYPE_OWNER");
        SharingScenario.AssertRefused(() => _scenario.Directory("bj", "tj", "tj-natural-resources", "issuer").ApproveApplicationAsync(request).ResponseAsync, StatusCode.PermissionDenied, "NOT_TYPE_OWNER");
        var atTj = _scenario.Directory("tj", "tj", "tj-natural-resources", "issuer");
        var error = await Eventually.UntilAsync(async () =>
        {
            try
            {
                await atTj.ApproveApplicationAsync(request);
                return null;
            }
            catch (RpcException ex)
            {
                return ex;
            }
        }, ex => ex?.ErrorInfo()?.Reason == "NOT_TYPE_OWNER");
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        SharingScenario.AssertRefused(() => _scenario.Directory("bj", "bj", "bj-natural-resources", "clerk").ApproveApplicationAsync(request).ResponseAsync, StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED");
    }

    [Test]
    public async Task ApplyForSharing_NotSharedType_FailedPreconditionNotShared()
    {
        // Arrange: a type bj never shares, found through tj's mirror of bj's directory (no region named)
        var bj = new CatalogService.CatalogServiceClient(_scenario.Consent.Channel("bj", "bj", "bj-natural-resources", "issuer"));
        var type = (await bj.GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = SharingScenario.Type })).LicenseType.Clone();
        type.Code = "land-inspection-record";
        type.Sharing = new SharingPolicy { SharingClass = SharingClass.NotShared };
        await bj.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest { LicenseType = type });
        var tjCatalog = new CatalogService.CatalogServiceClient(_scenario.Consent.Federation["tj"].Channel);
        await Eventually.UntilAsync(() => tjCatalog.ListLicenseTypesAsync(new ListLicenseTypesRequest { Region = "bj" }).ResponseAsync,
            r => r.LicenseTypes.Any(t => t.LicenseType.Code == type.Code));
        var clerk = _scenario.Directory("tj", "tj", "tj-civil-affairs", "clerk");
        var request = new ApplyForSharingRequest
        {
            LicenseType = type.Code, MatterCodes = { "household-registration" }, Reason = "check",
            RequestedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
        };

        // Act / Assert
        SharingScenario.AssertRefused(() => clerk.ApplyForSharingAsync(request).ResponseAsync, StatusCode.FailedPrecondition, "NOT_SHARED");
        var unconditional = new ApplyForSharingRequest(request) { LicenseType = "business-licence", Region = "bj" };
        SharingScenario.AssertRefused(() => clerk.ApplyForSharingAsync(unconditional).ResponseAsync, StatusCode.FailedPrecondition, "ALREADY_SHARED");
        var unknown = new ApplyForSharingRequest(request) { LicenseType = "no-such-type" };
        SharingScenario.AssertRefused(() => clerk.ApplyForSharingAsync(unknown).ResponseAsync, StatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public void ApplyForSharing_BadTermOrField_InvalidArgumentNamingIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SharingScenario.Violations(() => _scenario.ApplyAsync("tj-civil-affairs", ["location"], [SharingScenario.Matter], TimeSpan.FromDays(-1))), Is.EqualTo(new[] { "requested_until" }));
            Assert.That(SharingScenario.Violations(() => _scenario.ApplyAsync("tj-civil-affairs", ["location"], [SharingScenario.Matter], TimeSpan.FromDays(2000))), Is.EqualTo(new[] { "requested_until" }));
            Assert.That(SharingScenario.Violations(() => _scenario.ApplyAsync("tj-civil-affairs", ["salary"], [SharingScenario.Matter])), Is.EqualTo(new[] { "fields" }));
            Assert.That(SharingScenario.Violations(() => _scenario.ApplyAsync("tj-civil-affairs", ["location"], [])), Is.EqualTo(new[] { "matter_codes" }));
        });
    }

    [Test]
    public async Task ApplyForSharing_SameRequestIdTwice_OneApplication()
    {
        var clerk = _scenario.Directory("tj", "tj", "tj-water", "clerk");
        var request = new ApplyForSharingRequest
        {
            LicenseType = SharingScenario.Type, Region = "bj", MatterCodes = { SharingScenario.Matter }, Reason = "retry",
            RequestedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)), RequestId = Guid.NewGuid().ToString(),
        };

        var first = await clerk.ApplyForSharingAsync(request);
        var again = await clerk.ApplyForSharingAsync(request);

        Assert.That(again.Application.Applied.ApplicationId, Is.EqualTo(first.Application.Applied.ApplicationId));
        var listed = await _scenario.Owner.ListApplicationsAsync(new ListApplicationsRequest { Department = "tj-water" });
        Assert.That(listed.Applications, Has.Count.EqualTo(1));
    }
}
