using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Regional.Node.Errors;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using static Regional.Node.Tests.Federation.MirroringTests;

namespace Regional.Node.Tests.Federation;

/// <summary>Three regions and two read-only mirror nodes of the same binary (Node:Mode mirror): the
/// mirrors follow all three logs, verify every region's licences, refuse writes, and resume after a restart.</summary>
[NonParallelizable]
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MirrorNodeTests(string storage)
{
    private static readonly string[] Regions = ["bj", "tj", "he"];
    private readonly Dictionary<string, string> _issued = new(StringComparer.Ordinal);
    private readonly List<GrpcChannel> _channels = [];
    private TestFederation _federation = null!;
    private TestNode[] _mirrors = null!;
    private X509Certificate2 _clerk = null!;
    private readonly List<string> _databases = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _federation = await TestFederation.StartOnAsync(storage, witnessQuorum: 1);
        foreach (var region in Regions)
        {
            _issued[region] = (await new LicenseClient(_federation[region].Channel).IssueAsync(LicenseClient.BusinessLicence(region))).LicenseId;
        }
        _mirrors = [await TestMirrors.StartAsync(_federation, "mirror-1", Database()), await TestMirrors.StartAsync(_federation, "mirror-2", Database())];
        _clerk = _federation.Ca.IssueClient("tj", "tj-tax", "clerk");
    }

    /// <summary>A mirror's own database, on PostgreSQL.</summary>
    private string? Database()
    {
        if (storage != "postgres")
        {
            return null;
        }
        _databases.Add(TestPostgres.CreateDatabase());
        return _databases[^1];
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _channels.ForEach(c => c.Dispose());
        foreach (var mirror in _mirrors ?? [])
        {
            await mirror.DisposeAsync();
        }
        _clerk?.Dispose();
        await _federation.DisposeAsync();
        _databases.ForEach(TestPostgres.DropDatabase);
    }

    [Test]
    public async Task Mirrors_AfterIssuanceInEveryRegion_HoldTheRegionsLogsAndServe()
    {
        foreach (var mirror in _mirrors)
        {
            var status = await ConvergedAsync(mirror);

            var health = await Eventually.UntilAsync(() => new Health.HealthClient(Channel(mirror, _clerk)).CheckAsync(new HealthCheckRequest()).ResponseAsync,
                h => h.Status == HealthCheckResponse.Types.ServingStatus.Serving, seconds: 30);

            Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving), mirror.Region);
            Assert.That(status.Mode, Is.EqualTo("mirror"));
            Assert.That(status.OwnLog, Is.Null);
            Assert.That(status.Region, Is.Empty);
            Assert.That(status.Mirrors.Select(m => m.Region), Is.EqualTo(new[] { "bj", "he", "tj" }));
        }
    }

    [Test]
    public async Task VerifyLicense_OnEitherMirror_ValidForEveryRegionsLicence()
    {
        foreach (var mirror in _mirrors)
        {
            foreach (var (region, licenseId) in _issued)
            {
                var answer = await VerifiedAsync(mirror, licenseId, VerificationStatus.Valid);

                Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"{mirror.Region} {licenseId}: {answer.Detail}");
                Assert.That(answer.IssuingRegion, Is.EqualTo(region));
                Assert.That(answer.Proof.Origin, Is.EqualTo($"regional.example/{region}"));
            }
        }
    }

    [Test]
    public async Task ChangeLicenseStatus_RevokedInBj_BothMirrorsAnswerRevoked()
    {
        var bj = new LicenseClient(_federation["bj"].Channel);
        var issued = await bj.IssueAsync(LicenseClient.BusinessLicence("bj", holder: "91110105MA01REVK1X"));
        await bj.Licenses.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
        {
            LicenseId = issued.LicenseId, Status = LicenseStatus.Revoked, Reason = StatusReason.Compliance, IssuingDepartment = "bj-samr",
        });

        var answers = new List<VerifyLicenseResponse>();
        foreach (var mirror in _mirrors)
        {
            answers.Add(await VerifiedAsync(mirror, issued.LicenseId, VerificationStatus.Revoked));
        }

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(VerificationStatus.Revoked));
    }

    [Test]
    public async Task Writes_ToAMirror_RefusedNamingTheIssuerAndNoLogChanges()
    {
        var mirror = _mirrors[0];
        await ConvergedAsync(mirror);
        var before = await SizesAsync();
        using var issuer = _federation.Ca.IssueClient("bj", "bj-samr", "issuer");
        using var holder = _federation.Ca.IssueClient("bj", "bj-holder-app", "holder-app");
        using var node = _federation.Ca.IssueNode("bj");
        var asIssuer = new LicenseClient(Channel(mirror, issuer));
        var asClerk = new LicenseClient(Channel(mirror, _clerk));
        var writes = new (string Name, Func<Task> Call, string? Region)[]
        {
            ("IssueLicense", () => asIssuer.IssueAsync(LicenseClient.BusinessLicence("bj")), "bj"),
            ("ImportLicenses", () => Imports.RunAsync(Channel(mirror, issuer), [Imports.Row(1, Imports.BusinessLicence("MA0MIRROR", 1))]), null),
            ("ChangeLicenseStatus", () => asIssuer.Licenses.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
                { LicenseId = _issued["bj"], Status = LicenseStatus.Revoked, Reason = StatusReason.Compliance, IssuingDepartment = "bj-samr" }).ResponseAsync, "bj"),
            ("RegisterLicenseType", () => asIssuer.Catalog.RegisterLicenseTypeAsync(new RegisterLicenseTypeRequest
                { LicenseType = new LicenseType { Code = "x-permit", OwningDepartment = "bj-samr" } }).ResponseAsync, "bj"),
            ("GrantConsent", () => new ConsentService.ConsentServiceClient(Channel(mirror, holder)).GrantConsentAsync(
                new GrantConsentRequest { LicenseId = _issued["he"] }).ResponseAsync, "he"),
            ("AddCheckpoint", () => new LedgerService.LedgerServiceClient(Channel(mirror, node)).AddCheckpointAsync(new AddCheckpointRequest()).ResponseAsync, null),
            ("DownloadLicense", () => asClerk.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = _issued["tj"] }).ResponseAsync, "tj"),
        };

        foreach (var (name, call, region) in writes)
        {
            var error = Assert.ThrowsAsync<RpcException>(async () => await call(), name);

            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition), name);
            Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo("READ_ONLY_MIRROR"), name);
            Assert.That(error.Status.Detail, Does.Contain("read-only mirror"), name);
            if (region is not null)
            {
                Assert.That(error.ErrorInfo()!.Metadata["endpoint"], Is.EqualTo($"https://127.0.0.1:{_federation.Port(region)}"), name);
            }
        }
        Assert.That(await SizesAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Certificates_MirrorAtARegion_MayReadTheLogButNotWitnessOrVerify()
    {
        using var certificate = _federation.Ca.Authority.IssueMirror("mirror-9", ["localhost"], [System.Net.IPAddress.Loopback], DateTimeOffset.UtcNow);
        var bj = new LicenseClient(Channel(_federation["bj"], certificate));

        var checkpoint = await bj.Ledger.GetCheckpointAsync(new GetCheckpointRequest());
        var witness = Assert.ThrowsAsync<RpcException>(async () => await bj.Ledger.AddCheckpointAsync(new AddCheckpointRequest()));
        var verify = Assert.ThrowsAsync<RpcException>(async () => await bj.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = _issued["tj"] }));

        Assert.That(checkpoint.Checkpoint.Origin, Is.EqualTo("regional.example/bj"));
        Assert.That(witness!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(verify!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task GetCheckpoint_OnAMirror_NeedsAnOriginAndAnswersForTheRegion()
    {
        var mirror = new LicenseClient(Channel(_mirrors[1], _clerk));
        await ConvergedAsync(_mirrors[1]);

        var empty = Assert.ThrowsAsync<RpcException>(async () => await mirror.Ledger.GetCheckpointAsync(new GetCheckpointRequest()));
        var he = await mirror.Ledger.GetCheckpointAsync(new GetCheckpointRequest { Origin = "regional.example/he" });
        var own = await new LicenseClient(_federation["he"].Channel).Ledger.GetCheckpointAsync(new GetCheckpointRequest());

        Assert.That(empty!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(he.Checkpoint.RootHash, Is.EqualTo(own.Checkpoint.RootHash));
    }

    [Test]
    public async Task Restart_TjIssuedWhileAMirrorWasDown_MirrorResumesAndVerifies()
    {
        var mirror = _mirrors[1];
        await ConvergedAsync(mirror);
        await mirror.StopAsync();
        var issued = await new LicenseClient(_federation["tj"].Channel).IssueAsync(LicenseClient.BusinessLicence("tj", holder: "91120105MA01RSTR2X"));

        await mirror.StartAsync();
        var status = await ConvergedAsync(mirror);
        var answer = await VerifiedAsync(mirror, issued.LicenseId, VerificationStatus.Valid);

        Assert.That(status.Mirrors.Single(m => m.Region == "tj").TreeSize, Is.GreaterThan(issued.Receipt.LeafIndex));
        Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), answer.Detail);
    }

    private Task<VerifyLicenseResponse> VerifiedAsync(TestNode mirror, string licenseId, VerificationStatus want) =>
        Eventually.UntilAsync(() => new LicenseClient(Channel(mirror, _clerk)).Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId }).ResponseAsync,
            r => r.Status == want, seconds: 30);

    /// <summary>The mirror's status once every region's mirror has the region's own size and root.</summary>
    private async Task<GetLedgerStatusResponse> ConvergedAsync(TestNode mirror)
    {
        var ledger = new LedgerService.LedgerServiceClient(Channel(mirror, _clerk));
        GetLedgerStatusResponse status = null!;
        await Eventually.UntilAsync(async () =>
        {
            status = await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
            var own = await OwnLogsAsync();
            return status.Mirrors.Count == 3 && status.Mirrors.All(m =>
                m.TreeSize == own[m.Region].TreeSize && m.Checkpoint?.RootHash == own[m.Region].Checkpoint.RootHash);
        }, done => done, seconds: 30);
        var regions = await OwnLogsAsync();
        foreach (var log in status.Mirrors)
        {
            Assert.That(log.TreeSize, Is.EqualTo(regions[log.Region].TreeSize), $"{mirror.Region}: {log.Region}");
            Assert.That(log.Checkpoint.RootHash, Is.EqualTo(regions[log.Region].Checkpoint.RootHash), $"{mirror.Region}: {log.Region}");
        }
        return status;
    }

    private async Task<Dictionary<string, LogStatus>> OwnLogsAsync()
    {
        var logs = new Dictionary<string, LogStatus>(StringComparer.Ordinal);
        foreach (var region in Regions)
        {
            logs[region] = (await new LicenseClient(_federation[region].Channel).Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        }
        return logs;
    }

    /// <summary>Every region's own tree size and every mirror node's mirrored sizes.</summary>
    private async Task<List<ulong>> SizesAsync()
    {
        var sizes = (await OwnLogsAsync()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value.TreeSize).ToList();
        foreach (var mirror in _mirrors)
        {
            var status = await new LedgerService.LedgerServiceClient(Channel(mirror, _clerk)).GetLedgerStatusAsync(new GetLedgerStatusRequest());
            sizes.AddRange(status.Mirrors.Select(m => m.TreeSize));
        }
        return sizes;
    }

    private GrpcChannel Channel(TestNode node, X509Certificate2 client)
    {
        var channel = node.CreateChannel(client);
        _channels.Add(channel);
        return channel;
    }
}
