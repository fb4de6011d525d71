using Grpc.Core;
using Regional.V1;

namespace Regional.Integration.Tests.Attacks;

/// <summary>Consent that belongs to the holder: only the holders' app of the licence's issuing region,
/// for the licence's own holder, grants, withdraws and sees the accesses; a window-bound grant matches
/// the window in the clerk's certificate, never a declared place; a single-use grant is used once, on
/// delivery, never by a query. Three live nodes.</summary>
[NonParallelizable]
public sealed class ConsentAttackTests : AttackFixture
{
    [Test]
    public async Task TianjinHoldersApp_GrantsOnABeijingLicence_PermissionDeniedAndNothingWritten()
    {
        // Arrange: the attack of the issue: tj's app lets tj-power see a Beijing owner's ID number.
        var before = await Attack.ConvergedAsync();
        var tjApp = Attack.HoldersApp("tj", node: "bj");

        // Act
        var refusal = await AttackFederation.RefusalOf(() =>
            AttackFederation.GrantAsync(tjApp, Flat, fields: ["owner_id_number"]));
        var atTj = await AttackFederation.RefusalOf(() =>
            AttackFederation.GrantAsync(Attack.HoldersApp("tj"), Flat, fields: ["owner_id_number"]));

        // Assert
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.PermissionDenied, "HOLDER_APP_OF_OTHER_REGION")), refusal.Message);
        Assert.That((atTj.Code, atTj.Reason), Is.EqualTo((StatusCode.NotFound, "NOT_FOUND")), "tj's node holds no grants on bj's licences");
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task BeijingHoldersApp_GrantsForAnotherHolder_PermissionDeniedNotHolder()
    {
        // Arrange: the app authenticated someone else, who is not this licence's holder.
        var before = await Attack.ConvergedAsync();

        // Act
        var refusal = await AttackFederation.RefusalOf(() =>
            AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, holderId: "110101199001010000"));

        // Assert
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((StatusCode.PermissionDenied, "NOT_HOLDER")), refusal.Message);
        Assert.That(refusal.Message, Does.Not.Contain(AttackFederation.OwnerId).And.Not.Contain("110101199001010000"), "no holder id is echoed");
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task TianjinHoldersApp_WithdrawsABeijingGrant_PermissionDenied()
    {
        // Arrange
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, singleUse: false);
        var before = await Attack.ConvergedAsync();

        // Act
        var otherApp = await AttackFederation.RefusalOf(() => Attack.HoldersApp("tj", node: "bj")
            .WithdrawConsentAsync(new WithdrawConsentRequest { GrantId = grant.Grant.GrantId, HolderId = AttackFederation.OwnerId }).ResponseAsync);
        var otherHolder = await AttackFederation.RefusalOf(() => Attack.HoldersApp("bj")
            .WithdrawConsentAsync(new WithdrawConsentRequest { GrantId = grant.Grant.GrantId, HolderId = "110101199001010000" }).ResponseAsync);

        // Assert
        Assert.That((otherApp.Code, otherApp.Reason), Is.EqualTo((StatusCode.PermissionDenied, "HOLDER_APP_OF_OTHER_REGION")), otherApp.Message);
        Assert.That((otherHolder.Code, otherHolder.Reason), Is.EqualTo((StatusCode.PermissionDenied, "NOT_HOLDER")), otherHolder.Message);
        await Attack.AssertUnchangedAsync(before);
    }

    [Test]
    public async Task Holder_SeesEveryAccessToTheLicence_AndNobodyElseDoes()
    {
        // Arrange: a download by tj-power under the holder's grant.
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat);
        await AttackFederation.DownloadAsync(Attack.Licenses("tj", "tj", "tj-power", "clerk"), Flat, grant.Grant.GrantId, place: "天津电力滨海营业厅");
        var request = new ListAccessesRequest { LicenseId = Flat, HolderId = AttackFederation.OwnerId };

        // Act
        var seen = await Attack.HoldersApp("bj").ListAccessesAsync(request);
        var stranger = await AttackFederation.RefusalOf(() => Attack.HoldersApp("bj")
            .ListAccessesAsync(new ListAccessesRequest { LicenseId = Flat, HolderId = "110101199001010000" }).ResponseAsync);
        var otherApp = await AttackFederation.RefusalOf(() => Attack.HoldersApp("tj", node: "bj").ListAccessesAsync(request).ResponseAsync);
        var auditor = await AttackFederation.RefusalOf(() =>
            new ConsentService.ConsentServiceClient(Attack.Channel("bj", "bj", "bj-audit", "auditor")).ListAccessesAsync(request).ResponseAsync);

        // Assert
        var access = seen.Accesses.Select(a => a.Access).Single(a => a.GrantId == grant.Grant.GrantId);
        Assert.That((access.RelyingDepartment, access.MatterCode, access.Place, access.RequestingRegion),
            Is.EqualTo(("tj-power", AttackFederation.Matter, "天津电力滨海营业厅", "tj")));
        Assert.That((stranger.Code, stranger.Reason), Is.EqualTo((StatusCode.PermissionDenied, "NOT_HOLDER")));
        Assert.That((otherApp.Code, otherApp.Reason), Is.EqualTo((StatusCode.PermissionDenied, "HOLDER_APP_OF_OTHER_REGION")));
        Assert.That((auditor.Code, auditor.Reason), Is.EqualTo((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED")));
    }

    [Test]
    public async Task WindowBoundGrant_PlaceDeclaredInAHeader_RefusedAndOnlyTheCertifiedWindowServed()
    {
        // Arrange: a grant for tj-power's Binhai hall only.
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat, window: "binhai-hall");
        var before = await Attack.ConvergedAsync();
        var anyClerk = Attack.Licenses("tj", "tj", "tj-power", "clerk");
        var hallClerk = Attack.Licenses("tj", "tj", "tj-power", "clerk", window: "binhai-hall");

        // Act
        var declared = await AttackFederation.RefusalOf(() => AttackFederation.DownloadAsync(anyClerk, Flat, grant.Grant.GrantId, place: "binhai-hall"));
        await Attack.AssertUnchangedAsync(before);
        var served = await AttackFederation.DownloadAsync(hallClerk, Flat, grant.Grant.GrantId, place: "滨海营业厅");

        // Assert
        Assert.That((declared.Code, declared.Reason), Is.EqualTo((StatusCode.PermissionDenied, "WRONG_RELYING_PARTY")), declared.Message);
        Assert.That(served.Document.Fields.Select(f => f.Name).Order(), Is.EqualTo(new[] { "location", "owner_name" }));
        var seen = await Attack.HoldersApp("bj").ListAccessesAsync(new ListAccessesRequest { LicenseId = Flat, HolderId = AttackFederation.OwnerId });
        var access = seen.Accesses.Select(a => a.Access).Single(a => a.GrantId == grant.Grant.GrantId);
        Assert.That((access.Window, access.Place), Is.EqualTo(("binhai-hall", "滨海营业厅")), "the window is certified; the place is recorded as declared");
    }

    [Test]
    public async Task SingleUseGrant_FiftyConcurrentRelayedDownloads_ExactlyOneDelivered()
    {
        // Arrange
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat);
        await Attack.ConvergedAsync();
        var clerk = Attack.Licenses("tj", "tj", "tj-power", "clerk");

        // Act
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                await AttackFederation.DownloadAsync(clerk, Flat, grant.Grant.GrantId);
                return "delivered";
            }
            catch (RpcException ex)
            {
                return ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? ex.StatusCode.ToString();
            }
        }));

        // Assert
        Assert.That(outcomes.Count(o => o == "delivered"), Is.EqualTo(1), string.Join(", ", outcomes.Distinct()));
        Assert.That(outcomes.Where(o => o != "delivered").Distinct(), Is.EqualTo(new[] { "GRANT_USED" }));
        var consents = await Attack.HoldersApp("bj").ListConsentsAsync(new ListConsentsRequest { LicenseId = Flat, HolderId = AttackFederation.OwnerId });
        Assert.That(consents.Consents.Single(c => c.Grant.GrantId == grant.Grant.GrantId).Uses, Is.EqualTo(1u));
        var seen = await Attack.HoldersApp("bj").ListAccessesAsync(new ListAccessesRequest { LicenseId = Flat, HolderId = AttackFederation.OwnerId });
        Assert.That(seen.Accesses.Count(a => a.Access.GrantId == grant.Grant.GrantId), Is.EqualTo(1));
    }

    [Test]
    public async Task HolderQuery_UnderASingleUseGrant_DoesNotUseIt()
    {
        // Arrange
        var grant = await AttackFederation.GrantAsync(Attack.HoldersApp("bj"), Flat);
        var clerk = Attack.Licenses("tj", "tj", "tj-power", "clerk");

        // Act: a query shows that a licence exists; it delivers nothing.
        var found = await clerk.QueryLicensesAsync(new QueryLicensesRequest
        {
            HolderId = AttackFederation.OwnerId, AllRegions = true, GrantId = grant.Grant.GrantId, MatterCode = AttackFederation.Matter,
        });
        var document = await AttackFederation.DownloadAsync(clerk, Flat, grant.Grant.GrantId);

        // Assert
        Assert.That(found.Licenses.Select(l => l.LicenseId), Does.Contain(Flat));
        Assert.That(document.Document.LicenseId, Is.EqualTo(Flat), "the grant was still unused for the download");
    }
}
