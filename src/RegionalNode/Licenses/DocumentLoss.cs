using Grpc.Core;
using Regional.Node.Errors;

namespace Regional.Node.Licenses;

/// <summary>
/// A licence version whose document (values, salts, holder) this node does not hold: its entry came back
/// from a peer's mirror after the region lost its disk (docs/operations.md), and mirrors hold digests
/// only. Its status and proofs are answered as for any licence; its content cannot be, and every call
/// that needs it answers DATA_LOSS with reason CONTENT_NOT_HELD, never a guess.
/// </summary>
internal static class DocumentLoss
{
    public const string Reason = "CONTENT_NOT_HELD";

    /// <summary>The sealed document, or DATA_LOSS CONTENT_NOT_HELD when it is not held.</summary>
    /// <exception cref="NodeException">DATA_LOSS: the document is not held.</exception>
    public static byte[] Require(byte[]? sealedDocument, string licenseId, uint version) =>
        sealedDocument ?? throw new NodeException(StatusCode.DataLoss, Reason,
            $"the content of {licenseId} version {version} is not held: it was recovered from a peer's mirror after a loss of data, "
            + "which keeps only the field digests. Its status and proofs stand; its fields must be issued again (amend is refused: revoke and reissue)",
            metadata: new Dictionary<string, string> { ["license_id"] = licenseId, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
