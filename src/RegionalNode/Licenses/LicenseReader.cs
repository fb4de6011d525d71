using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Digests;
using Regional.Node.Errors;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>
/// Answers for the own region's licences from the log and the document store: current state
/// and history, verification (status, presented document, fact check) with a proof bundle,
/// download, and the holder query. A mirror's answer says how fresh the mirror is; its proof bundle
/// is against the latest checkpoint with the witness quorum that holds the licence's entries.
/// </summary>
internal sealed class LicenseReader(LogReader logReader, DocumentVault vault, TimeProvider clock,
    CosignedCheckpoints cosigned, IssuerFreshness? freshness = null)
{
    public VerifyLicenseResponse Verify(VerifyLicenseRequest request)
    {
        using var session = logReader.Open();
        var response = new VerifyLicenseResponse { LicenseId = request.LicenseId, IssuingRegion = RegionOf(request.LicenseId) };
        var row = session.Licenses.Find(request.LicenseId);
        var log = row is not null ? logReader.ByLogId(row.LogId) : LogOfRegion(response.IssuingRegion);
        if (log is null)
        {
            return Unknown(response, $"this node holds no mirror of region '{response.IssuingRegion}'");
        }
        if (log is MirrorLog { Status.IsHalted: true } halted)
        {
            return Unknown(response, $"region {log.Region}'s log is halted: {halted.Status.Detail}");
        }
        var state = log.State;
        AddFreshness(response, state);
        if (log is MirrorLog && state.Head.TreeSize == 0)
        {
            return Unknown(response, $"the mirror of region {log.Region} holds nothing yet");
        }
        if (row is null || row.DocumentLeaf >= state.Head.TreeSize)
        {
            response.Status = VerificationStatus.NotFound;
            response.Detail = $"no licence {request.LicenseId} in region {log.Region}'s log as of size {state.Head.TreeSize}";
            return response;
        }
        var events = session.Licenses.Events(row.LicenseId, state.Head.TreeSize);
        var statusLeaves = events.Where(e => e.Kind == LicenseEvent.StatusChanged).Select(e => e.LeafIndex).ToList();
        var target = cosigned.ForProof(session, log, state, NeedSize(row.DocumentLeaf, statusLeaves))!;
        var proven = logReader.Prove(session, log, target, row.LicenseId, row.DocumentLeaf, statusLeaves);
        var entry = proven.Document;
        var (validity, digests) = entry.KindCase == LedgerEntry.KindOneofCase.LicenseAmended
            ? (entry.LicenseAmended.Validity, entry.LicenseAmended.FieldDigests)
            : (entry.LicenseIssued.Validity, entry.LicenseIssued.FieldDigests);
        response.LicenseType = row.LicenseType;
        response.Validity = validity;
        response.Proof = proven.Bundle;
        var fieldsMatch = CheckFields(session, log, row, digests, request.Disclosed, response);
        var now = clock.GetUtcNow();
        (response.Status, response.Detail) = LicenseStatusRules.Decide(row.Status, validity, fieldsMatch, now);
        if (!target.QuorumMet)
        {
            response.Detail += $"; the proof's checkpoint (size {target.TreeSize}) carries {target.Cosignatures} of the {cosigned.Quorum} witness cosignatures the trust policy wants yet: this answer stands, but the proof does not stand alone offline";
        }
        if (log is MirrorLog mirror && freshness is not null)
        {
            response.Detail += "; " + IssuerFreshness.Describe(mirror, state, freshness.Observe(mirror), now);
        }
        return response;
    }

    /// <summary>A fresh status part for a licence's bundle (docs/status-proofs.md): the licence entry at
    /// <see cref="GetStatusProofRequest.LeafIndex"/> (the current version's when 0), its status entries and its
    /// status proof, against the latest checkpoint with the witness quorum. No personal data: no grant, no record.</summary>
    public GetStatusProofResponse StatusProof(GetStatusProofRequest request)
    {
        using var session = logReader.Open();
        var row = session.Licenses.Find(request.LicenseId);
        var log = row is null ? null : logReader.ByLogId(row.LogId);
        var state = log?.State;
        if (row is null || log is null || row.DocumentLeaf >= state!.Head.TreeSize)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(request.LicenseId)}' in region {logReader.Log.Region}'s log nor its mirrors");
        }
        if (log is MirrorLog { Status.IsHalted: true } halted)
        {
            throw NodeException.FailedPrecondition(Federation.Equivocation.EquivocationResponder.HaltedReason, $"region {log.Region}'s log is halted for equivocation: {halted.Status.Detail}");
        }
        var events = session.Licenses.Events(row.LicenseId, state.Head.TreeSize);
        var leaf = request.LeafIndex == 0 ? row.DocumentLeaf : request.LeafIndex;
        if (!events.Any(e => e.LeafIndex == leaf && e.Kind is LicenseEvent.Issued or LicenseEvent.Amended))
        {
            throw NodeException.InvalidArgument("leaf_index", $"got {request.LeafIndex}, want the leaf of one of {row.LicenseId}'s versions (issued or amended), or 0 for the current one");
        }
        var statusLeaves = events.Where(e => e.Kind == LicenseEvent.StatusChanged).Select(e => e.LeafIndex).ToList();
        var target = cosigned.ForProof(session, log, state, NeedSize(Math.Max(leaf, row.DocumentLeaf), statusLeaves))!;
        var proven = logReader.Prove(session, log, target, row.LicenseId, leaf, statusLeaves);
        return new GetStatusProofResponse { Proof = proven.Bundle, AsOf = proven.StatusAsOf };
    }

    /// <summary>The log that answers for a region: the own log or its mirror.</summary>
    private LogHandle? LogOfRegion(string region) =>
        region == logReader.Log.Region ? logReader.Log : logReader.Mirrors.ByRegion(region);

    private static VerifyLicenseResponse Unknown(VerifyLicenseResponse response, string detail)
    {
        response.Status = VerificationStatus.Unknown;
        response.Detail = detail;
        return response;
    }

    private bool CheckFields(IStoreSession session, LogHandle log, LicenseRow row, IReadOnlyList<FieldDigest> digests, IReadOnlyList<DisclosedField> disclosed, VerifyLicenseResponse response)
    {
        var kind = VerifyKinds.Of(disclosed);
        if (kind == VerifyKind.Status)
        {
            return true;
        }
        if (kind == VerifyKind.Mixed)
        {
            throw NodeException.InvalidArgument("disclosed", "mixes fields with and without salts: send all salts (presented document) or none (fact check)");
        }
        var toCheck = disclosed;
        if (kind == VerifyKind.FactCheck && log != logReader.Log)
        {
            throw NodeException.FailedPrecondition("FACT_CHECK_ELSEWHERE",
                $"a fact check (values without salts) of a {log.Region} licence is answered by region {log.Region}, which holds the salts; call its node, or present the document with salts");
        }
        if (kind == VerifyKind.FactCheck)
        {
            // Fact check: the issuing region holds the salts; it answers match or mismatch only.
            var document = vault.Open(row.LicenseId, row.Version, DocumentLoss.Require(session.Licenses.GetDocument(row.LicenseId, row.Version), row.LicenseId, row.Version));
            var salts = document.Fields.ToDictionary(f => f.Name, f => f.Salt, StringComparer.Ordinal);
            toCheck = [.. disclosed.Select(d => new DisclosedField
            {
                Name = d.Name,
                Value = d.Value,
                Salt = ByteString.CopyFrom(salts.TryGetValue(d.Name, out var s) ? s : new byte[FieldDigests.SaltSize]),
            })];
        }
        var check = FieldDigests.Check(log.Suite, digests, toCheck);
        foreach (var field in check.Fields)
        {
            response.FieldChecks.Add(new FieldCheck { Name = field.Name, Matches = field.Outcome == FieldOutcome.Match });
        }
        return check.IsValid;
    }

    /// <summary>State and history of a licence, from the own log or a mirror (so an audit works from any
    /// region); the history includes consent and access entries.</summary>
    public GetLicenseResponse Get(string licenseId)
    {
        using var session = logReader.Open();
        var row = session.Licenses.Find(licenseId);
        var log = row is null ? null : logReader.ByLogId(row.LogId);
        var state = log?.State;
        if (row is null || log is null || row.DocumentLeaf >= state!.Head.TreeSize)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(licenseId)}' in region {logReader.Log.Region}'s log nor its mirrors");
        }
        var entry = LedgerEntry.Parser.ParseFrom(LogReader.RequireEntry(session, log, row.DocumentLeaf));
        var response = new GetLicenseResponse
        {
            LicenseId = row.LicenseId,
            LicenseType = row.LicenseType,
            IssuingRegion = log.Region,
            IssuingDepartment = row.Department,
            Status = row.Status,
            Version = row.Version,
            Validity = entry.LicenseAmended?.Validity ?? entry.LicenseIssued.Validity,
        };
        response.FieldDigests.AddRange(entry.LicenseAmended?.FieldDigests ?? entry.LicenseIssued.FieldDigests);
        foreach (var item in session.Licenses.Events(row.LicenseId, state.Head.TreeSize))
        {
            var bytes = LogReader.RequireEntry(session, log, item.LeafIndex);
            var parsed = LedgerEntry.Parser.ParseFrom(bytes);
            response.History.Add(new LicenseHistoryItem
            {
                LeafIndex = item.LeafIndex,
                BlockHeight = session.Log.GetEntryBlock(log.LogId, item.LeafIndex) ?? 0,
                RecordedAt = parsed.RecordedAt,
                Kind = item.Kind,
                Entry = ByteString.CopyFrom(bytes),
            });
        }
        return response;
    }

    /// <summary>How long a download waits for the witnesses to cosign a checkpoint that holds a
    /// brand-new licence, so the holder's copy stands alone offline.</summary>
    public static readonly TimeSpan CosignatureWait = TimeSpan.FromSeconds(2);

    /// <summary>The document and its bundle; when the newest entries are not yet under a cosigned
    /// checkpoint, waits (up to <see cref="CosignatureWait"/>) for one, then answers regardless.</summary>
    public async Task<DownloadLicenseResponse> DownloadAsync(string licenseId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CosignatureWait;
        while (true)
        {
            var (response, standsAlone) = Download(licenseId);
            if (standsAlone || DateTime.UtcNow >= deadline)
            {
                return response;
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private (DownloadLicenseResponse Response, bool StandsAlone) Download(string licenseId)
    {
        using var session = logReader.Open();
        var state = logReader.Log.State;
        var row = RequireOwn(session, licenseId, state);
        var document = vault.Open(row.LicenseId, row.Version, DocumentLoss.Require(session.Licenses.GetDocument(row.LicenseId, row.Version), row.LicenseId, row.Version));
        var entry = LedgerEntry.Parser.ParseFrom(LogReader.RequireEntry(session, logReader.Log, row.DocumentLeaf));
        var events = session.Licenses.Events(row.LicenseId, state.Head.TreeSize);
        var result = new LicenseDocument
        {
            LicenseId = row.LicenseId,
            LicenseType = row.LicenseType,
            IssuingRegion = logReader.Log.Region,
            IssuingDepartment = row.Department,
            Version = row.Version,
            Validity = entry.LicenseAmended?.Validity ?? entry.LicenseIssued.Validity,
        };
        result.Fields.AddRange(document.Fields.Select(f => new DisclosedField { Name = f.Name, Value = f.Value, Salt = ByteString.CopyFrom(f.Salt) }));
        var statusLeaves = events.Where(e => e.Kind == LicenseEvent.StatusChanged).Select(e => e.LeafIndex).ToList();
        var target = cosigned.ForProof(session, logReader.Log, state, NeedSize(row.DocumentLeaf, statusLeaves))!;
        var response = new DownloadLicenseResponse
        {
            Document = result,
            Proof = logReader.Prove(session, logReader.Log, target, row.LicenseId, row.DocumentLeaf, statusLeaves).Bundle,
        };
        return (response, target.QuorumMet || cosigned.Quorum == 0);
    }

    /// <summary>A bundle proved against the latest checkpoint with the witness quorum that holds
    /// every entry, so it stands alone offline (else the newest checkpoint).</summary>
    public ProofBundle CosignedBundle(IStoreSession session, LogHandle log, LogState state, string licenseId, ulong documentLeaf, IReadOnlyList<ulong> statusLeaves) =>
        logReader.Prove(session, log, cosigned.ForProof(session, log, state, NeedSize(documentLeaf, statusLeaves))!, licenseId, documentLeaf, statusLeaves).Bundle;

    /// <summary>The smallest tree size that holds the licence's entries.</summary>
    private static ulong NeedSize(ulong documentLeaf, IReadOnlyList<ulong> statusLeaves) =>
        Math.Max(documentLeaf, statusLeaves.Count > 0 ? statusLeaves[^1] : 0) + 1;

    public QueryLicensesResponse Query(QueryLicensesRequest request)
    {
        using var session = logReader.Open();
        var state = logReader.Log.State;
        var response = new QueryLicensesResponse();
        foreach (var id in session.Licenses.ByHolder(vault.HolderKey(request.HolderId)))
        {
            var row = session.Licenses.Find(id);
            if (row is null || row.DocumentLeaf >= state.Head.TreeSize || (request.LicenseType.Length > 0 && row.LicenseType != request.LicenseType))
            {
                continue;
            }
            var entry = LedgerEntry.Parser.ParseFrom(LogReader.RequireEntry(session, logReader.Log, row.DocumentLeaf));
            response.Licenses.Add(new LicenseSummary
            {
                LicenseId = row.LicenseId,
                LicenseType = row.LicenseType,
                Status = row.Status,
                Validity = entry.LicenseAmended?.Validity ?? entry.LicenseIssued.Validity,
            });
        }
        return response;
    }

    private LicenseRow RequireOwn(IStoreSession session, string licenseId, LogState state)
    {
        var row = session.Licenses.Find(licenseId);
        return row is not null && row.LogId == logReader.Log.LogId && row.DocumentLeaf < state.Head.TreeSize
            ? row
            : throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(licenseId)}' in region {logReader.Log.Region}'s log");
    }

    private static void AddFreshness(VerifyLicenseResponse response, LogState state)
    {
        response.CheckpointSize = state.Head.TreeSize;
        if (state.Head.SealedAt is { } sealedAt)
        {
            response.CheckpointTime = Timestamp.FromDateTimeOffset(sealedAt);
        }
    }

    private static string RegionOf(string licenseId) => LicenseId.TryParse(licenseId, out var id) ? id.Region : "";
}
