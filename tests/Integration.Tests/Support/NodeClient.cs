using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.V1;

namespace Regional.Integration.Tests.Support;

/// <summary>Typed clients of one node and the calls the federation tests make: issue a realistic
/// business licence of the node's region, revoke, verify, read the ledger status and the own log's blocks.</summary>
internal sealed class NodeClient(GrpcChannel channel, string region)
{
    private static int _serial;

    public LicenseService.LicenseServiceClient Licenses { get; } = new(channel);

    public LedgerService.LedgerServiceClient Ledger { get; } = new(channel);

    public string Region { get; } = region;

    /// <summary>A business licence of the region's market-supervision department, with its own holder.</summary>
    public IssueLicenseRequest BusinessLicence()
    {
        var serial = Interlocked.Increment(ref _serial);
        var creditCode = string.Create(CultureInfo.InvariantCulture, $"91{Region.ToUpperInvariant()}0105MA{serial:D7}X");
        var request = new IssueLicenseRequest
        {
            LicenseType = "business-licence",
            IssuingDepartment = $"{Region}-samr",
            HolderId = creditCode,
            Validity = new Validity { NotBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)) },
        };
        request.Fields.Add(Field("company_name", $"示例科技有限公司{serial}"));
        request.Fields.Add(Field("credit_code", creditCode));
        request.Fields.Add(Field("company_type", "有限责任公司"));
        request.Fields.Add(Field("legal_representative", "张三"));
        request.Fields.Add(Field("established_on", "2024-06-01"));
        request.Fields.Add(Field("address", $"示例路{serial % 1000 + 1}号"));
        return request;
    }

    public async Task<IssueLicenseResponse> IssueAsync() => await Licenses.IssueLicenseAsync(BusinessLicence());

    public async Task<ChangeLicenseStatusResponse> RevokeAsync(string licenseId) =>
        await Licenses.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
        {
            LicenseId = licenseId,
            Status = LicenseStatus.Revoked,
            Reason = StatusReason.BusinessClosed,
            IssuingDepartment = $"{Region}-samr",
        });

    public async Task<VerifyLicenseResponse> VerifyAsync(string licenseId) =>
        await Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId });

    public async Task<GetLedgerStatusResponse> StatusAsync() => await Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());

    /// <summary>The mirror of another region's log as this node reports it.</summary>
    public async Task<LogStatus> MirrorAsync(string of) => (await StatusAsync()).Mirrors.Single(m => m.Region == of);

    /// <summary>Every block of the node's own log, as it replicates them.</summary>
    public async Task<List<Block>> OwnBlocksAsync()
    {
        using var call = Ledger.GetBlocks(new GetBlocksRequest { FromHeight = 0, Follow = false });
        return await call.ResponseStream.ReadAllAsync().ToListAsync();
    }

    private static LicenseField Field(string name, string value) => new() { Name = name, Value = value };
}
