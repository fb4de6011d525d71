using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.Integration.Tests.Support;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Attacks;

/// <summary>
/// Three live regional nodes (bj, tj, he) with mutual TLS, a Beijing real-estate certificate (a
/// conditionally shared type) held by <see cref="OwnerId"/>, and the callers the attacks play: any
/// department, role and window from the federation's CA, forged certificates, a node's own key. After
/// each attack, <see cref="AssertUnchangedAsync"/> checks that no region's log moved and every mirror
/// still follows (same size and root, nothing rejected or halted).
/// </summary>
internal sealed class AttackFederation : IAsyncDisposable
{
    public const string OwnerId = "110108198805051234";
    public const string Matter = "power-account-transfer";
    public static readonly string[] Regions = ["bj", "tj", "he"];

    private readonly List<IDisposable> _owned = [];

    private AttackFederation(TestFederation federation) => Federation = federation;

    public TestFederation Federation { get; }

    public static async Task<AttackFederation> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var federation = new AttackFederation(await TestFederation.StartAsync("gm", 1, settings, Regions));
        return federation;
    }

    /// <summary>A channel to a node presenting a fresh CA-issued client certificate.</summary>
    public GrpcChannel Channel(string node, string region, string department, string role, string? window = null) =>
        ChannelWith(node, Federation.Ca.IssueClient(region, department, role, window));

    /// <summary>A channel to a node presenting the given certificate (forged, or a node's own).</summary>
    public GrpcChannel ChannelWith(string node, X509Certificate2 certificate)
    {
        var channel = Federation[node].CreateChannel(certificate);
        _owned.Add(certificate);
        _owned.Add(channel);
        return channel;
    }

    /// <summary>A region node's own certificate and key, as an attacker who stole that node's key holds them.</summary>
    public X509Certificate2 NodeCertificate(string region)
    {
        var folder = Federation[region].DataDirectory;
        return X509Certificate2.CreateFromPemFile(Path.Combine(folder, "federation.crt"), Path.Combine(folder, "federation.key"));
    }

    public LicenseService.LicenseServiceClient Licenses(string node, string region, string department, string role, string? window = null) =>
        new(Channel(node, region, department, role, window));

    public ConsentService.ConsentServiceClient HoldersApp(string region, string? node = null) =>
        new(Channel(node ?? region, region, $"{region}-holder-app", "holder-app"));

    /// <summary>Issues a real-estate certificate in bj for a holder and waits until tj's and he's mirrors hold it.</summary>
    public async Task<string> IssueFlatAsync(string ownerId = OwnerId)
    {
        var issued = await Licenses("bj", "bj", "bj-natural-resources", "issuer").IssueLicenseAsync(FlatRequest(ownerId));
        await ConvergedAsync();
        return issued.LicenseId;
    }

    /// <summary>A Beijing real-estate certificate of bj-natural-resources (the type's owner) for a holder.</summary>
    public static IssueLicenseRequest FlatRequest(string ownerId = OwnerId)
    {
        var request = new IssueLicenseRequest { LicenseType = "real-estate-certificate", IssuingDepartment = "bj-natural-resources", HolderId = ownerId };
        request.Fields.Add([
            Field("certificate_number", "京(2026)海淀区不动产权第0012345号"), Field("owner_name", "王海淀"), Field("owner_id_number", ownerId),
            Field("location", "北京市海淀区中关村南大街5号院3号楼1单元601"), Field("unit_number", "110108001001GB00001F00010601"),
            Field("right_type", "国有建设用地使用权/房屋所有权"), Field("usage", "住宅"), Field("area_sqm", "89.5")]);
        return request;
    }

    public static LicenseField Field(string name, string value) => new() { Name = name, Value = value };

    /// <summary>The holder's grant through an app, as the attacks vary it.</summary>
    public static Task<GrantConsentResponse> GrantAsync(ConsentService.ConsentServiceClient app, string licenseId, string holderId = OwnerId,
        string relying = "tj-power", bool singleUse = true, string window = "", params string[] fields)
    {
        var request = new GrantConsentRequest
        {
            LicenseId = licenseId,
            HolderId = holderId,
            RelyingDepartment = relying,
            RelyingWindow = window,
            MatterCode = Matter,
            MatterName = "电力过户",
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
            SingleUse = singleUse,
        };
        request.Fields.Add(fields.Length > 0 ? fields : ["owner_name", "location"]);
        return app.GrantConsentAsync(request).ResponseAsync;
    }

    /// <summary>A download as tj-power's clerk at tj (relayed to bj), with an optional declared place.</summary>
    public static Task<DownloadLicenseResponse> DownloadAsync(LicenseService.LicenseServiceClient clerk, string licenseId, string grantId, string? place = null)
    {
        var headers = new Metadata();
        if (place is not null)
        {
            headers.Add("x-regional-place", Uri.EscapeDataString(place));
        }
        return clerk.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = licenseId, GrantId = grantId, MatterCode = Matter }, headers).ResponseAsync;
    }

    /// <summary>Every region's own log (size, root) and every mirror of it, from each node's status.</summary>
    public async Task<Ledgers> SnapshotAsync()
    {
        var logs = new Dictionary<string, (ulong Size, string Root)>();
        var mirrors = new List<(string Node, string Region, ulong Size, string Root, string State)>();
        var alarms = 0;
        foreach (var region in Regions)
        {
            var status = await new LedgerService.LedgerServiceClient(Federation[region].Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest());
            logs[region] = (status.OwnLog.TreeSize, Convert.ToHexString(status.OwnLog.Checkpoint.RootHash.Span));
            mirrors.AddRange(status.Mirrors.Select(m => (region, m.Region, m.TreeSize, m.Checkpoint is null ? "" : Convert.ToHexString(m.Checkpoint.RootHash.Span), m.State)));
            alarms += status.Alarms.Count;
        }
        return new Ledgers(logs, mirrors, alarms);
    }

    /// <summary>Waits until every mirror holds its region's whole log; returns the snapshot then.</summary>
    public async Task<Ledgers> ConvergedAsync()
    {
        var (last, _) = await Eventually.UntilAsync(SnapshotAsync, s => s.Converged, TimeSpan.FromSeconds(20));
        Assert.That(last.Converged, Is.True, $"mirrors did not converge: {last}");
        return last;
    }

    /// <summary>No region's log moved since <paramref name="before"/>, every mirror still follows it to the same
    /// root (none stalled, rejected or halted), and no alarm was raised beyond <paramref name="newAlarms"/>.</summary>
    public async Task AssertUnchangedAsync(Ledgers before, int newAlarms = 0)
    {
        await Task.Delay(300); // longer than sealing a block takes: anything the attack queued is sealed by now
        var after = await ConvergedAsync();
        Assert.That(after.Logs, Is.EqualTo(before.Logs), "no region's log changed");
        Assert.That(after.Mirrors.Select(m => m.State).Distinct(), Is.EqualTo(new[] { "following" }), after.ToString());
        Assert.That(after.Alarms, Is.EqualTo(before.Alarms + newAlarms), "alarms");
    }

    /// <summary>Runs the call and returns its failure: the gRPC code, the ErrorInfo reason and the field violations.</summary>
    public static async Task<Refusal> RefusalOf(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            var status = ex.GetRpcStatus();
            return new Refusal(ex.StatusCode, status?.GetDetail<ErrorInfo>()?.Reason ?? "", ex.Status.Detail,
                status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? []);
        }
        Assert.Fail("the call succeeded; the attack should have been refused");
        throw new InvalidOperationException();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        await Federation.DisposeAsync();
    }
}

/// <summary>What the attack suite compares before and after: own logs, mirrors and the number of alarms.</summary>
internal sealed record Ledgers(
    IReadOnlyDictionary<string, (ulong Size, string Root)> Logs,
    IReadOnlyList<(string Node, string Region, ulong Size, string Root, string State)> Mirrors,
    int Alarms)
{
    /// <summary>Every mirror at its region's size and root.</summary>
    public bool Converged => Mirrors.All(m => Logs.TryGetValue(m.Region, out var log) && log.Size == m.Size && log.Root == m.Root);

    public override string ToString() =>
        string.Join("; ", Logs.Select(l => $"{l.Key} {l.Value.Size}")) + " | " + string.Join("; ", Mirrors.Select(m => $"{m.Node}:{m.Region} {m.Size} {m.State}"));
}

/// <summary>A refused call: code, reason, message and the fields named in its violations.</summary>
internal sealed record Refusal(StatusCode Code, string Reason, string Message, IReadOnlyList<string> Fields);
