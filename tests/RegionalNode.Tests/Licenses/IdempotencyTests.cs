using Grpc.Core;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>A caller that retries after a lost answer gets the first answer, not a second licence.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class IdempotencyTests(string storage) : SingleNodeFixture("bj", "gm", storage)
{
    [Test]
    public async Task IssueLicense_RetriedWithSameRequestId_SameLicenceAndReceiptNothingAppended()
    {
        var request = LicenseClient.BusinessLicence(holder: "91110105MA0RETRY01", name: "重试公司");
        request.RequestId = "4f1c2d9e-retry-1";

        var first = await Client.IssueAsync(request);
        var size = await Client.TreeSizeAsync();
        var again = await Client.IssueAsync(request);

        Assert.That(again.LicenseId, Is.EqualTo(first.LicenseId));
        Assert.That(again.Receipt.LeafIndex, Is.EqualTo(first.Receipt.LeafIndex));
        Assert.That(again.Receipt.BlockHeight, Is.EqualTo(first.Receipt.BlockHeight));
        Assert.That(await Client.TreeSizeAsync(), Is.EqualTo(size));
    }

    [Test]
    public async Task IssueLicense_ConcurrentDuplicates_OneLicence()
    {
        var request = LicenseClient.BusinessLicence(holder: "91110105MA0TWICE01", name: "并发公司");
        request.RequestId = "4f1c2d9e-concurrent";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.IssueAsync(request)));

        Assert.That(answers.Select(a => a.LicenseId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task IssueLicense_SameRequestIdDifferentRequest_AlreadyExists()
    {
        var request = LicenseClient.BusinessLicence(holder: "91110105MA0REUSE01", name: "复用公司");
        request.RequestId = "4f1c2d9e-reused";
        await Client.IssueAsync(request);
        request.Fields[0].Value = "另一家公司";

        var error = Assert.ThrowsAsync<RpcException>(async () => await Client.IssueAsync(request));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(error.Status.Detail, Does.Contain("request_id"));
    }

    [Test]
    public async Task ChangeLicenseStatus_RetriedRevocation_AnsweredNotRefused()
    {
        var issued = await Client.IssueAsync(LicenseClient.BusinessLicence(holder: "91110105MA0REVOKE1", name: "吊销公司"));
        var revoke = new ChangeLicenseStatusRequest
        {
            LicenseId = issued.LicenseId, Status = LicenseStatus.Revoked, Reason = StatusReason.CourtOrder,
            IssuingDepartment = "bj-samr", RequestId = "revoke-" + issued.LicenseId,
        };

        var first = await Client.Licenses.ChangeLicenseStatusAsync(revoke);
        var again = await Client.Licenses.ChangeLicenseStatusAsync(revoke);

        Assert.That(again.Status, Is.EqualTo(LicenseStatus.Revoked));
        Assert.That(again.Receipt.LeafIndex, Is.EqualTo(first.Receipt.LeafIndex));
    }
}
