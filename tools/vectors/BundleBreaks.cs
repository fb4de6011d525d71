using Google.Protobuf;
using Regional.V1;

namespace Regional.Vectors;

/// <summary>The failing bundle vectors: one per way a file can be wrong, most of them one change to a
/// good file (a byte, a number, a left-out part), so a verifier must name the check that catches it.</summary>
internal static class BundleBreaks
{
    public static void Add(BundleCases cases, BundleHistory plain, BundleHistory revoked, BundleHistory reinstated)
    {
        var federation = plain.Federation;
        var document = plain.License.Document();
        var log = plain.Log;
        var body = log.Body();
        var tj = federation.Witness("tj").Cosign(body, BundleHistory.CosignedAt);
        var he = federation.Witness("he").Cosign(body, BundleHistory.CosignedAt + 5);
        ProofBundle Good() => plain.Bundle();

        cases.Add("UnknownOrigin: another origin", document, With(Good(), b => b.Origin = "regional.example/xx"));
        cases.Add("SuiteMismatch: the other suite", document, With(Good(), b => b.Suite = b.Suite == CryptoSuite.Gm ? CryptoSuite.Intl : CryptoSuite.Gm));
        cases.Add("MalformedCheckpoint: the note's last newline cut off", document, With(Good(), b => b.Checkpoint = b.Checkpoint[..^1]));
        cases.Add("MalformedCheckpoint: not a checkpoint body", document, With(Good(), b => b.Checkpoint = "regional.example/bj\n\n" + b.Checkpoint[b.Checkpoint.IndexOf("\n\n", StringComparison.Ordinal)..][2..]));
        cases.Add("CheckpointMismatch: the bundle's tree size is one more", document, With(Good(), b => b.TreeSize++));
        cases.Add("IssuerSignature: one byte of the checkpoint's root hash changed", document, With(Good(), b => b.Checkpoint = ChangeRoot(b.Checkpoint)));
        var issuerLine = federation.Log("bj").SignNote(body);
        var flipped = issuerLine.Signature.ToArray();
        flipped[^1] ^= 0x01;
        cases.Add("IssuerSignature: the log's signature with one bit flipped", document, plain.Bundle(log.NoteWithLines(issuerLine with { Signature = flipped }, tj, he)));
        cases.Add("IssuerSignature: signed by a key the trust file does not list", document, plain.Bundle(log.NoteWithLines(federation.Stranger.SignNote(body), tj, he)));
        cases.Add("TooFewCosignatures: no cosignature", document, plain.Bundle(log.SignedNote()));
        cases.Add("TooFewCosignatures: one cosignature, quorum 2", document, plain.Bundle(log.SignedNote(tj)), quorum: 2);
        cases.Add("TooFewCosignatures: cosigned only by the issuing region's own witness", document,
            plain.Bundle(log.SignedNote(federation.Witness("bj").Cosign(body, BundleHistory.CosignedAt))));
        var badTj = tj.Signature.ToArray();
        badTj[^1] ^= 0x01;
        cases.Add("TooFewCosignatures: the only cosignature with one bit flipped", document, plain.Bundle(log.SignedNote(tj with { Signature = badTj })));
        cases.Add("TooFewCosignatures: two cosignatures by one witness key name count once, quorum 2", document,
            plain.Bundle(log.SignedNote(tj, tj with { KeyId = tj.KeyId ^ 1 })), quorum: 2);

        cases.Add("BadLeaf: the entry is a status change", document, With(Good(), b => b.Entry = log.Inclusion(plain.OtherStatusLeaf).Entry));
        cases.Add("BadLeaf: the entry is not protobuf", document, With(Good(), b => b.Entry = ByteString.CopyFrom(0xFF, 0xFF, 0xFF)));
        cases.Add("BadLeaf: the entry names another region", document, With(Good(), b => b.Entry = Reparsed(b.Entry, e => e.Region = "tj")));
        cases.Add("BadLeaf: invalid UTF-8 in the licence id", document, With(Good(), b => b.Entry = Reparsed(b.Entry, e => e.LicenseIssued.LicenseId = "BJ-2026-00012\u00e9", invalidUtf8: true)));
        cases.Add("BadPath: one byte of the entry changed (in a field digest)", document, With(Good(), b => b.Entry = FlipLast(b.Entry)));
        cases.Add("BadPath: one byte of the inclusion path changed", document, With(Good(), b => b.InclusionPath[0] = FlipLast(b.InclusionPath[0])));
        cases.Add("BadPath: the leaf index is one more", document, With(Good(), b => b.LeafIndex++));
        cases.Add("BadPath: the inclusion path is one hash short", document, With(Good(), b => b.InclusionPath.RemoveAt(b.InclusionPath.Count - 1)));

        var twoStatuses = reinstated.Bundle();
        cases.Add("BadStatusEntry: the status entries out of order", reinstated.License.Document(), With(twoStatuses, b =>
        {
            var (first, second) = (b.StatusEntries[0], b.StatusEntries[1]);
            b.StatusEntries.Clear();
            b.StatusEntries.Add([second, first]);
        }));
        cases.Add("BadStatusEntry: the same status entry twice", reinstated.License.Document(), With(twoStatuses, b => b.StatusEntries.Add(b.StatusEntries[1].Clone())));
        cases.Add("BadStatusEntry: another licence's status entry", document, With(Good(), b => b.StatusEntries.Add(log.Inclusion(plain.OtherStatusLeaf))));
        cases.Add("BadStatusEntry: reinstated without a suspension first", reinstated.License.Document(), With(twoStatuses, b => b.StatusEntries.RemoveAt(0)));
        cases.Add("BadStatusEntry: one byte of a status entry's path changed", revoked.License.Document(),
            With(revoked.Bundle(), b => b.StatusEntries[0].InclusionPath[0] = FlipLast(b.StatusEntries[0].InclusionPath[0])));
        cases.Add("MissingStatusProof: no status proof", document, With(Good(), b => b.StatusProof = null));
        cases.Add("BadStatusProof: the StatusRoot entry is not the checkpoint's last leaf", document,
            With(Good(), b => b.StatusProof.RootEntry = log.Inclusion(b.TreeSize - 2)));
        cases.Add("BadStatusProof: one byte of the map path changed", document, With(Good(), b =>
        {
            var at = b.StatusProof.MapPath.ToList().FindLastIndex(p => !p.IsEmpty);
            b.StatusProof.MapPath[at] = FlipLast(b.StatusProof.MapPath[at]);
        }));
        cases.Add("BadStatusProof: the map entry says SUSPENDED", document, With(Good(), b => b.StatusProof.Entry.Status = LicenseStatus.Suspended));
        cases.Add("BadStatusProof: the map entry of another licence", document, With(Good(), b => b.StatusProof.Entry.LicenseId = "BJ-2026-000122"));
        cases.Add("BadStatusProof: the status is 10 minutes ahead of the verifier's clock", document, Good(), now: BundleHistory.BlockTime.AddMinutes(-10));
        cases.Add("valid: the status is 4 minutes ahead of the verifier's clock", document, Good(), now: BundleHistory.BlockTime.AddMinutes(-4));
        cases.Add("StatusProofDisagrees: the revocation left out of the status entries", revoked.License.Document(), With(revoked.Bundle(), b => b.StatusEntries.Clear()));
    }

    private static ProofBundle With(ProofBundle bundle, Action<ProofBundle> change)
    {
        var copy = bundle.Clone();
        change(copy);
        return copy;
    }

    private static ByteString FlipLast(ByteString bytes)
    {
        var copy = bytes.ToByteArray();
        copy[^1] ^= 0x01;
        return ByteString.CopyFrom(copy);
    }

    private static ByteString Reparsed(ByteString bytes, Action<LedgerEntry> change, bool invalidUtf8 = false)
    {
        var entry = LedgerEntry.Parser.ParseFrom(bytes);
        change(entry);
        var result = entry.ToByteArray();
        if (invalidUtf8)
        {
            // "é" is C3 A9 in UTF-8; C3 28 is no UTF-8 at all.
            var at = result.AsSpan().IndexOf([(byte)0xC3, (byte)0xA9]);
            result[at + 1] = 0x28;
        }
        return ByteString.CopyFrom(result);
    }

    /// <summary>The note with one character of the root hash's base64 changed (still canonical base64).</summary>
    private static string ChangeRoot(string note)
    {
        var lines = note.Split('\n');
        var root = lines[2].ToCharArray();
        root[10] = root[10] == 'A' ? 'B' : 'A';
        lines[2] = new string(root);
        return string.Join('\n', lines);
    }
}
