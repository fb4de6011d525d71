using Regional.Node.Errors;
using Regional.Node.Licenses;
using Regional.Node.Storage.Licenses;

namespace Regional.Node.Consent;

/// <summary>
/// Ties a consent call to the licence's holder: the holders' app names the holder it authenticated, and
/// the issuing node checks that id against the licence's keyed holder index (HMAC with the node's data
/// key). The id is never stored or logged; a mismatch is refused without saying whose licence it is.
/// </summary>
internal static class HolderCheck
{
    /// <exception cref="NodeException">PERMISSION_DENIED NOT_HOLDER when the holder index does not name the holder.</exception>
    public static void Require(ILicenseStore licenses, DocumentVault vault, string holderId, string licenseId)
    {
        if (!licenses.IsHolder(vault.HolderKey(holderId), licenseId))
        {
            throw NodeException.PermissionDenied("NOT_HOLDER",
                $"holder_id: the holder the app authenticated is not the holder of {licenseId}; only a licence's holder grants, withdraws or sees its consents and accesses");
        }
    }
}
