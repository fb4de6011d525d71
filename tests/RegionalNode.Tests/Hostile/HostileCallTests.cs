using Grpc.Core;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Hostile;

/// <summary>Deadlines of zero, a stream cancelled mid-way and a huge repeated field against a real
/// node: each gets a precise status, leaves the ledger as it was, and the node keeps serving.</summary>
public sealed class HostileCallTests : SingleNodeFixture
{
    private string _licenseId = "";

    [OneTimeSetUp]
    public async Task IssueOne() => _licenseId = (await Client.IssueAsync()).LicenseId;

    [TestCase(0, TestName = "IssueLicense_DeadlineOfZero_DeadlineExceededLedgerUnchanged")]
    [TestCase(-5, TestName = "IssueLicense_ExpiredDeadline_DeadlineExceededLedgerUnchanged")]
    public async Task IssueLicense_NoTimeLeft_DeadlineExceededLedgerUnchanged(int seconds)
    {
        var before = await LedgerSnapshot.SettledAsync(Node.Channel);

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Client.Licenses.IssueLicenseAsync(LicenseClient.BusinessLicence(), deadline: DateTime.UtcNow.AddSeconds(seconds)));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(await LedgerSnapshot.SettledAsync(Node.Channel), Is.EqualTo(before));
    }

    [TestCase(0, TestName = "VerifyLicense_DeadlineOfZero_DeadlineExceededLedgerUnchanged")]
    [TestCase(-5, TestName = "VerifyLicense_ExpiredDeadline_DeadlineExceededLedgerUnchanged")]
    public async Task VerifyLicense_NoTimeLeft_DeadlineExceededLedgerUnchanged(int seconds)
    {
        var before = await LedgerSnapshot.SettledAsync(Node.Channel);

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = _licenseId }, deadline: DateTime.UtcNow.AddSeconds(seconds)));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(await LedgerSnapshot.SettledAsync(Node.Channel), Is.EqualTo(before));
    }

    [Test]
    public async Task GetBlocks_FollowCancelledMidStream_NodeKeepsServing()
    {
        var origin = (await Client.Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog.Origin;
        using var cancel = new CancellationTokenSource();
        using var stream = Client.Ledger.GetBlocks(new GetBlocksRequest { Origin = origin, Follow = true }, cancellationToken: cancel.Token);
        Assert.That(await stream.ResponseStream.MoveNext(CancellationToken.None), Is.True, "the first block arrives");

        await cancel.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.ReadAllAsync().ToListAsync());
        var sizeBefore = await Client.TreeSizeAsync();
        var issued = await Client.IssueAsync();
        var verified = await Client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId });
        using var again = Client.Ledger.GetBlocks(new GetBlocksRequest { Origin = origin });
        var blocks = await again.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
        Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(blocks.Sum(b => b.Entries.Count), Is.GreaterThan(0));
        Assert.That(await Client.TreeSizeAsync(), Is.EqualTo(sizeBefore + 2), "the node still issues: the licence and its block's status root");
    }

    [Test]
    public async Task VerifyLicense_100000Disclosed_InvalidArgumentLedgerUnchanged()
    {
        var request = new VerifyLicenseRequest { LicenseId = _licenseId };
        request.Disclosed.Add(Enumerable.Range(0, 100_000).Select(i => new DisclosedField { Name = "company_name", Value = "x" }));
        var before = await LedgerSnapshot.SettledAsync(Node.Channel);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Client.Licenses.VerifyLicenseAsync(request));

        TestContext.Out.WriteLine($"{error!.StatusCode}: {error.Status.Detail}; ledgers: {before}");
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.Contain("disclosed: got 100000 fields"));
        Assert.That(await LedgerSnapshot.SettledAsync(Node.Channel), Is.EqualTo(before));
    }
}
