using System.Data.Common;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;

namespace Regional.Node.Operations;

/// <summary>
/// The own log as a database file holds it, read without migrating or writing anything (the file
/// may be a backup that must stay exactly as signed): origin, region, head with its signed
/// checkpoint, and the key rotations the log recorded. Backup signs its manifest with the key this
/// says is current; restore without a trust file checks the manifest's signer against it.
/// </summary>
internal sealed record BackedUpLog(string Origin, string Region, LogHead Head, KeyHistory Keys)
{
    /// <summary>The own log of the database; null when it has none (or is no ledger database).</summary>
    public static BackedUpLog? Read(IStoreSession session)
    {
        try
        {
            return session.Log.FindOwnLog() is { } own
                ? new BackedUpLog(own.Origin, own.Region, session.Log.GetHead(own.LogId, []), KeyHistory.Load(session.Log, own.LogId))
                : null;
        }
        catch (DbException)
        {
            return null; // not a ledger database (no logs table)
        }
    }

    /// <summary>How the manifest records where the log stood.</summary>
    public BackupLogHead ManifestHead() =>
        new(Origin, Head.TreeSize, Head.Height, Head.Height is null ? "" : Convert.ToHexStringLower(Head.RootHash));

    /// <summary>Where the current key comes from, for the operator.</summary>
    public string CurrentKeySource => Keys.Current is null
        ? "the key that signed the backed-up log's latest checkpoint"
        : "the key the backed-up log's last key rotation moved to";

    /// <summary>Why <paramref name="candidate"/> is not the key that signs this log now, or null: the key
    /// its last rotation names, or (never rotated) the key that signed its latest checkpoint. An empty
    /// log has nothing to check a key against: any key named for its origin passes.</summary>
    public string? CurrentKeyProblem(NoteVerifier candidate)
    {
        if (candidate.Name != Origin)
        {
            return $"key {candidate.VerifierKey} is named '{candidate.Name}', want the log's origin '{Origin}'";
        }
        if (Keys.Current is { } rotated)
        {
            return rotated.VerifierKey == candidate.VerifierKey ? null
                : $"key {candidate.VerifierKey} is not the log's current key: its last key rotation moved it to {rotated.VerifierKey}";
        }
        if (Head.Checkpoint is not { } checkpoint)
        {
            return null;
        }
        var check = NoteVerification.VerifyIssuer(checkpoint, candidate);
        return check.IsValid ? null
            : $"key {candidate.VerifierKey} did not sign the log's latest checkpoint (tree size {Head.TreeSize}): {check.Detail}";
    }
}
