using Google.Protobuf;
using Regional.LicenseVerifier.Certificates;
using Regional.V1;

namespace Regional.Node.Security.Authorization;

/// <summary>
/// Which roles may call which RPC. Issuers write for their own department only (the request's
/// department must be the certificate's) and may read; clerks read and download; auditors read
/// metadata, proofs, consents and access records but never content (no download, no fact check:
/// see AccessContext); the holders' app manages its region's holders' consents and sees their accesses; region
/// nodes mirror, witness and relay; read-only mirror nodes only follow the logs. The log itself (blocks, checkpoints, proofs, the directory) holds no
/// personal data and is open to every identity. Methods of other services (health, reflection) are open.
/// </summary>
internal static class AccessPolicy
{
    private const string Issuer = ClientRoles.Issuer;
    private const string Clerk = ClientRoles.Clerk;
    private const string Auditor = ClientRoles.Auditor;
    private const string Holder = ClientRoles.HolderApp;
    private const string Node = Caller.NodeRole;
    private const string Mirror = Caller.MirrorRole;

    private static readonly string[] Everyone = [Issuer, Clerk, Auditor, Holder, Node, Mirror];

    private static readonly Dictionary<string, string[]> Roles = new(StringComparer.Ordinal)
    {
        ["/regional.v1.LicenseService/IssueLicense"] = [Issuer],
        // Each row's department is checked against the certificate's by the import itself (streamed rows
        // never reach the interceptor): AuthorizationInterceptor.CheckDepartment.
        ["/regional.v1.LicenseService/ImportLicenses"] = [Issuer],
        ["/regional.v1.LicenseService/AmendLicense"] = [Issuer],
        ["/regional.v1.LicenseService/ChangeLicenseStatus"] = [Issuer],
        ["/regional.v1.LicenseService/GetLicense"] = [Issuer, Clerk, Auditor, Holder, Node],
        ["/regional.v1.LicenseService/VerifyLicense"] = [Issuer, Clerk, Auditor, Node],
        ["/regional.v1.LicenseService/QueryLicenses"] = [Issuer, Clerk, Node],
        ["/regional.v1.LicenseService/DownloadLicense"] = [Issuer, Clerk, Node],
        ["/regional.v1.LicenseService/GetStatusProof"] = Everyone,
        ["/regional.v1.CatalogService/RegisterLicenseType"] = [Issuer],
        ["/regional.v1.CatalogService/GetLicenseType"] = Everyone,
        ["/regional.v1.CatalogService/ListLicenseTypes"] = Everyone,
        ["/regional.v1.LedgerService/GetCheckpoint"] = Everyone,
        ["/regional.v1.LedgerService/GetInclusionProof"] = Everyone,
        ["/regional.v1.LedgerService/GetConsistencyProof"] = Everyone,
        ["/regional.v1.LedgerService/GetLedgerStatus"] = Everyone,
        ["/regional.v1.LedgerService/GetBlocks"] = Everyone,
        ["/regional.v1.LedgerService/AddCheckpoint"] = [Node],
        ["/regional.v1.ConsentService/GrantConsent"] = [Holder],
        ["/regional.v1.ConsentService/WithdrawConsent"] = [Holder],
        ["/regional.v1.ConsentService/ListConsents"] = [Holder, Auditor],
        ["/regional.v1.ConsentService/ListAccesses"] = [Holder],
        // Applicants apply for their own department (from the certificate; a node relays one of its region's);
        // only issuers decide, and only the owning department's (checked by the sharing commands).
        ["/regional.v1.DirectoryService/ApplyForSharing"] = [Issuer, Clerk, Node],
        ["/regional.v1.DirectoryService/ApproveApplication"] = [Issuer],
        ["/regional.v1.DirectoryService/RefuseApplication"] = [Issuer],
        ["/regional.v1.DirectoryService/RevokeApproval"] = [Issuer],
        ["/regional.v1.DirectoryService/ListApplications"] = [Issuer, Clerk, Auditor, Node],
    };

    /// <summary>The roles allowed on a method; null for a method outside regional.v1 (open).
    /// A regional.v1 method missing from the table allows no one.</summary>
    public static IReadOnlyList<string>? AllowedRoles(string method) =>
        Roles.TryGetValue(method, out var roles) ? roles
        : method.StartsWith("/regional.v1.", StringComparison.Ordinal) ? [] : null;

    /// <summary>The department a write acts for, which must be the issuer certificate's; null
    /// when the request names none.</summary>
    public static string? ActingDepartment(IMessage request) => request switch
    {
        IssueLicenseRequest issue => issue.IssuingDepartment,
        AmendLicenseRequest amend => amend.IssuingDepartment,
        ChangeLicenseStatusRequest change => change.IssuingDepartment,
        RegisterLicenseTypeRequest register => register.LicenseType?.OwningDepartment ?? "",
        _ => null,
    };
}
