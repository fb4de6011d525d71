using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Sharing;

/// <summary>Who may see what, by whose decision, reads from a read-only mirror node as from a region: the mirror
/// projects the sharing entries it follows, lists the applications and the approvals in force of a type, and sends
/// applications and decisions to the owning region's node.</summary>
[NonParallelizable]
public class SharingOnAMirrorTests
{
    [Test]
    public async Task AnApprovalOnBjsLog_AMirrorListsItAndShowsItInForce_AndSendsDecisionsToBj()
    {
        // Arrange: tj's housing clerks apply at tj's node; bj's natural resources department approves.
        var scenario = await SharingScenario.StartAsync();
        await using var consent = scenario.Consent;
        var applied = await scenario.ApplyAsync("tj-housing", ["owner_name"], [SharingScenario.Matter]);
        var id = applied.Application.Applied.ApplicationId;
        await scenario.ApproveAsync(id);
        await using var mirror = await TestMirrors.StartAsync(consent.Federation, "mirror-1");
        using var clerk = consent.Federation.Ca.IssueClient("tj", "tj-housing", "clerk");
        using var channel = mirror.CreateChannel(clerk);
        var directory = new DirectoryService.DirectoryServiceClient(channel);
        using var owner = consent.Federation.Ca.IssueClient("bj", "bj-natural-resources", "issuer");
        using var ownerChannel = mirror.CreateChannel(owner);

        // Act
        var listed = await Eventually.UntilAsync(
            async () => await directory.ListApplicationsAsync(new ListApplicationsRequest { LicenseType = SharingScenario.Type }),
            r => r.Applications.Any(a => a.Applied.ApplicationId == id && a.State == ApplicationState.Approved), seconds: 30);
        var type = await new CatalogService.CatalogServiceClient(channel).GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = SharingScenario.Type });
        var apply = Assert.ThrowsAsync<RpcException>(async () => await directory.ApplyForSharingAsync(new ApplyForSharingRequest { LicenseType = SharingScenario.Type, Region = "bj" }));
        var revoke = Assert.ThrowsAsync<RpcException>(async () => await new DirectoryService.DirectoryServiceClient(ownerChannel).RevokeApprovalAsync(new RevokeApprovalRequest { ApplicationId = id, Reason = "x" }));

        // Assert
        var application = listed.Applications.Single(a => a.Applied.ApplicationId == id);
        Assert.That((application.Region, application.Applied.ApplicantDepartment), Is.EqualTo(("bj", "tj-housing")));
        Assert.That(type.ApprovalsInForce.Select(a => a.ApplicationId), Does.Contain(id));
        foreach (var refused in new[] { apply!, revoke! })
        {
            Assert.That(refused.ErrorInfo()!.Reason, Is.EqualTo("READ_ONLY_MIRROR"));
            Assert.That(refused.ErrorInfo()!.Metadata["endpoint"], Is.EqualTo($"https://127.0.0.1:{consent.Federation.Port("bj")}"));
        }
    }
}
