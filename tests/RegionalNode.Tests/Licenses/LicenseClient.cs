using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>Typed clients of one node and helpers that issue realistic licences.</summary>
internal sealed class LicenseClient(GrpcChannel channel)
{
    public LicenseService.LicenseServiceClient Licenses { get; } = new(channel);

    public LedgerService.LedgerServiceClient Ledger { get; } = new(channel);

    public CatalogService.CatalogServiceClient Catalog { get; } = new(channel);

    public static IssueLicenseRequest BusinessLicence(string region = "bj", string holder = "91110105MA01ABCD3X", string name = "北京示例科技有限公司")
    {
        var request = new IssueLicenseRequest
        {
            LicenseType = "business-licence",
            IssuingDepartment = $"{region}-samr",
            HolderId = holder,
            Validity = new Validity { NotBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)) },
        };
        request.Fields.Add(Field("company_name", name));
        request.Fields.Add(Field("credit_code", holder));
        request.Fields.Add(Field("company_type", "有限责任公司"));
        request.Fields.Add(Field("legal_representative", "张三"));
        request.Fields.Add(Field("established_on", "2024-06-01"));
        request.Fields.Add(Field("address", "北京市朝阳区示例路1号"));
        return request;
    }

    public static LicenseField Field(string name, string value) => new() { Name = name, Value = value };

    public async Task<IssueLicenseResponse> IssueAsync(IssueLicenseRequest? request = null) =>
        await Licenses.IssueLicenseAsync(request ?? BusinessLicence());

    /// <summary>Suspends, reinstates or revokes a licence as Beijing's market regulator (the test licences' issuer).</summary>
    public Task<ChangeLicenseStatusResponse> ChangeStatusAsync(string licenseId, LicenseStatus status) =>
        Licenses.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
        {
            LicenseId = licenseId,
            Status = status,
            Reason = StatusReason.Compliance,
            IssuingDepartment = "bj-samr",
        }).ResponseAsync;

    public async Task<ulong> TreeSizeAsync() =>
        (await Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog.TreeSize;

    /// <summary>The trust policy a relying party builds from the node's published key.</summary>
    public async Task<TrustPolicy> TrustPolicyAsync(string suiteName = "gm")
    {
        var status = await Ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest());
        Assert.That(NoteVerifier.TryParse(status.VerifierKey, out var verifier, out var error), Is.True, error);
        var log = new TrustedLog(status.Region, status.OwnLog.Origin, [verifier!], []);
        return new TrustPolicy(Suite.FromName(suiteName)!, [log], witnessQuorum: 0);
    }
}
