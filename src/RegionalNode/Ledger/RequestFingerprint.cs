using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Ledger;

/// <summary>
/// The fingerprint kept with a caller's request id in the requests table, to tell a retry (same
/// request) from a reuse of the id (another request): a <see cref="KeyedDigest"/> of the request's
/// bytes under the data key, label "regional/requests/v1\0". The request holds the holder's id and
/// the licence's field values, so a plain hash would let anyone with a copy of the database test
/// guesses of them; this digest needs <c>keys/data.key</c>, which a backup leaves out unless told.
/// </summary>
/// <remarks>Thread-safe. Rows written before schema version 4 held a plain hash; migration step 4
/// erased them (see <see cref="LedgerCommand{T}"/> for what a retry of such an id gets).</remarks>
internal sealed class RequestFingerprint
{
    private readonly KeyedDigest _digest;

    public RequestFingerprint(Suite suite, ReadOnlySpan<byte> dataKey)
    {
        _digest = new KeyedDigest(suite, dataKey, "regional/requests/v1\0"u8);
    }

    public byte[] Of(IMessage request) => _digest.Compute(request.ToByteArray());
}
