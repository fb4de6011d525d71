using System.Net;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Regional.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;
using Regional.Node.Tests.Http;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Regional.Node.Tests.Hosting;

/// <summary>
/// Health as a load balancer reads it, on two real nodes (bj and its peer tj): liveness stays simple,
/// readiness fails while the ledger cannot be written, while a mirror has rejected a block, and while a
/// mirror lags past Node:MaxMirrorLagSeconds, and comes back on its own once the cause is gone; over
/// grpc.health.v1 per service and over the HTTP probes /healthz and /readyz.
/// </summary>
[NonParallelizable]
public class NodeHealthTests
{
    private TestFederation _federation = null!;
    private HttpClient _bjHttp = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _federation = await TestFederation.StartAsync("gm", 0, new Dictionary<string, string> { ["Node:MaxMirrorLagSeconds"] = "60" }, "bj", "tj");
        _bjHttp = HttpClients.For(_federation["bj"], null);
        await new LicenseClient(_federation["bj"].Channel).IssueAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _bjHttp.Dispose();
        await _federation.DisposeAsync();
    }

    [Test]
    public async Task Health_AFreshNode_EveryServiceServingAndBothProbes200()
    {
        // Act
        var statuses = await StatusesAsync("bj");
        using var live = await _bjHttp.GetAsync("/healthz");
        using var ready = await _bjHttp.GetAsync("/readyz");

        // Assert
        Assert.That(statuses.Values, Is.All.EqualTo(ServingStatus.Serving), string.Join(", ", statuses));
        Assert.That((live.StatusCode, ready.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
    }

    [Test]
    public async Task Readiness_ABlockThatCannotBeCommitted_NotServingUntilTheNextBlockCommits()
    {
        // Arrange: the database refuses the block's write (as a full or read-only disk would).
        var writer = _federation["bj"].Services.GetRequiredService<LedgerWriter>();
        Assert.ThrowsAsync<Errors.NodeException>(() => writer.SubmitAsync(new RefusedWrite(), CancellationToken.None));

        // Act
        var failed = await StatusesAsync("bj");
        using var readyWhileFailed = await _bjHttp.GetAsync("/readyz");
        using var liveWhileFailed = await _bjHttp.GetAsync("/healthz");
        await new LicenseClient(_federation["bj"].Channel).IssueAsync();
        var recovered = await StatusesAsync("bj");

        // Assert
        Assert.That(failed[""], Is.EqualTo(ServingStatus.NotServing));
        Assert.That(failed["regional.v1.LicenseService"], Is.EqualTo(ServingStatus.NotServing));
        Assert.That(failed["regional.v1.CatalogService"], Is.EqualTo(ServingStatus.NotServing));
        Assert.That(failed["regional.v1.LedgerService"], Is.EqualTo(ServingStatus.Serving), "the stored log can still be served");
        Assert.That(failed["liveness"], Is.EqualTo(ServingStatus.Serving), "a restart would not help");
        Assert.That((readyWhileFailed.StatusCode, liveWhileFailed.StatusCode), Is.EqualTo((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK)));
        Assert.That(recovered.Values, Is.All.EqualTo(ServingStatus.Serving));
    }

    [Test]
    public async Task Readiness_AMirrorThatRejectedABlock_NotServingUntilItFollowsAgain()
    {
        // Arrange
        var mirror = _federation["tj"].Services.GetRequiredService<MirrorSet>().ByRegion("bj")!;
        var before = mirror.Status;

        // Act: tj's live follower may set the mirror's status meanwhile (a heartbeat, a block of bj's); a sample counts
        // only when the status was still Rejected after it was read (only this test sets Rejected), so it was read then.
        Dictionary<string, ServingStatus> rejected;
        var samples = 0;
        do
        {
            mirror.SetStatus(before with { State = MirrorState.Rejected, Detail = "block 7: bad signature" });
            rejected = await StatusesAsync("tj");
        }
        while (mirror.Status.State != MirrorState.Rejected && ++samples < 20);
        mirror.SetStatus(before with { State = MirrorState.Following });
        var following = await StatusesAsync("tj");

        // Assert
        Assert.That(rejected[""], Is.EqualTo(ServingStatus.NotServing));
        Assert.That(rejected["regional.v1.LicenseService"], Is.EqualTo(ServingStatus.NotServing));
        Assert.That(rejected["regional.v1.CatalogService"], Is.EqualTo(ServingStatus.Serving), "tj can still write its own ledger");
        Assert.That(rejected["liveness"], Is.EqualTo(ServingStatus.Serving));
        Assert.That(following[""], Is.EqualTo(ServingStatus.Serving));
    }

    [Test]
    public async Task MirrorsCurrent_AMirrorLaggingPastTheBound_UnhealthyUntilItCatchesUp()
    {
        // Arrange: bj has signed 5 more entries than tj's mirror holds, and it is 2 minutes after the mirror's newest block.
        var mirror = _federation["tj"].Services.GetRequiredService<MirrorSet>().ByRegion("bj")!;
        var before = mirror.Status;
        var sealedAt = mirror.State.Head.SealedAt!.Value;
        var check = new MirrorsCurrentCheck(_federation["tj"].Services.GetRequiredService<MirrorSet>(), new ManualClock(sealedAt + TimeSpan.FromMinutes(2)),
            Options.Create(new Configuration.NodeOptions { MaxMirrorLagSeconds = 60 }));

        // Act
        HealthCheckResult lagging, caughtUp;
        try
        {
            mirror.SetStatus(before with { LatestSeenSize = mirror.State.Head.TreeSize + 5 });
            lagging = await check.CheckHealthAsync(new HealthCheckContext());
        }
        finally
        {
            mirror.SetStatus(before);
        }
        caughtUp = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.That(lagging.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(lagging.Description, Does.Contain("bj's mirror is 120 s (5 entries) behind"));
        Assert.That(caughtUp.Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Readiness_ImpersonationAlarmsRaisedByACaller_StillServing()
    {
        // Arrange: alarms a caller can cause must not let it take a node out of its load balancer.
        var database = _federation["tj"].Services.GetRequiredService<IDatabase>();
        using (var session = database.Open())
        {
            for (var i = 0; i < 20; i++)
            {
                session.Alarms.Raise("bj", Regional.Node.Federation.AlarmKinds.Impersonation, "relay outside region", DateTimeOffset.UtcNow);
            }
        }

        // Act
        var statuses = await StatusesAsync("tj");

        // Assert
        Assert.That(statuses[""], Is.EqualTo(ServingStatus.Serving));
    }

    private async Task<Dictionary<string, ServingStatus>> StatusesAsync(string region)
    {
        var health = new Health.HealthClient(_federation[region].Channel);
        var statuses = new Dictionary<string, ServingStatus>(StringComparer.Ordinal);
        foreach (var service in new[] { "", "liveness", "regional.v1.LicenseService", "regional.v1.CatalogService", "regional.v1.ConsentService", "regional.v1.LedgerService" })
        {
            statuses[service] = (await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10))).Status;
        }
        return statuses;
    }

    /// <summary>An entry whose block's write then fails, as the database would refuse it: a trigger, created in
    /// the block's transaction, aborts the block row's insert, so the whole block rolls back (trigger included)
    /// and the next block commits.</summary>
    private sealed class RefusedWrite : LedgerCommand<int>
    {
        protected override int Run(SealingContext context)
        {
            context.Append(new LedgerEntry
            {
                AccessRecorded = new AccessRecorded
                {
                    LicenseId = "BJ-2026-000001", Kind = AccessKind.Download, RelyingDepartment = "bj-samr", Clerk = "health test",
                    AccessedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(context.Now),
                },
            });
            ((SqliteSession)context.Session).Execute(
                "CREATE TEMP TRIGGER refuse_block BEFORE INSERT ON blocks BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
            return 0;
        }
    }
}
