using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Sharing;

/// <summary>An approval ends by bj's injected clock: access under it stops at once, and it lists as EXPIRED.
/// A federation of its own, since bj's clock jumps.</summary>
public class SharingExpiryTests
{
    [Test]
    public async Task DownloadLicense_ApprovalPastItsTerm_RefusedApprovalExpired()
    {
        // Arrange
        var clock = new ShiftedClock();
        var scenario = await SharingScenario.StartAsync((region, builder) =>
        {
            if (region == "bj")
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            }
        });
        await using var _ = scenario.Consent;
        var applied = await scenario.ApplyAsync("tj-civil-affairs", ["location"], [SharingScenario.Matter], TimeSpan.FromDays(3));
        var id = applied.Application.Applied.ApplicationId;
        await scenario.ApproveAsync(id, term: TimeSpan.FromDays(1));
        var grant = await scenario.GrantAsync("tj-civil-affairs", "location");
        await scenario.DownloadAsync("tj-civil-affairs", grant, SharingScenario.Matter, "location");

        // Act
        clock.Advance(TimeSpan.FromDays(2));

        // Assert
        SharingScenario.AssertRefused(() => scenario.DownloadAsync("tj-civil-affairs", grant, SharingScenario.Matter, "location"), StatusCode.PermissionDenied, "APPROVAL_EXPIRED");
        var listed = await scenario.Owner.ListApplicationsAsync(new ListApplicationsRequest { LicenseType = SharingScenario.Type, State = ApplicationState.Expired });
        Assert.That(listed.Applications.Select(a => a.Applied.ApplicationId), Is.EqualTo(new[] { id }));
        var type = await new CatalogService.CatalogServiceClient(scenario.Consent.Federation["bj"].Channel).GetLicenseTypeAsync(new GetLicenseTypeRequest { Code = SharingScenario.Type });
        Assert.That(type.ApprovalsInForce, Is.Empty);
    }
}
