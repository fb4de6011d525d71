using Regional.Node.Federation.Mirroring;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;
using Regional.Node.Ledger;
using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Federation.Equivocation;

/// <summary>
/// What the node does when it holds proof that a region equivocated: keeps both signed notes in
/// an alarm, logs them at Error level, and halts the region's mirror (stored, so it survives a
/// restart). A halted mirror stops following, its witness refuses the region's checkpoints, and
/// verification of its licences answers UNKNOWN. Only an operator can lift the halt.
/// </summary>
/// <remarks>Thread-safe; the first conflict is kept, later ones for a halted mirror are ignored.</remarks>
internal sealed partial class EquivocationResponder(IDatabase database, TimeProvider clock, ILogger<EquivocationResponder> logger)
{
    public const string HaltedReason = "HALTED_FOR_EQUIVOCATION";

    private readonly Lock _gate = new();

    /// <summary>Records the conflict and halts the mirror; false when it was already halted.</summary>
    public bool Halt(MirrorLog mirror, Conflict conflict)
    {
        lock (_gate)
        {
            if (mirror.Status.IsHalted)
            {
                return false;
            }
            var now = clock.GetUtcNow();
            var status = mirror.Status with { State = MirrorState.Halted, Detail = $"equivocation: {conflict.Detail}" };
            using var session = database.Open();
            session.WriteTransaction(() =>
            {
                session.Alarms.Raise(mirror.Region, AlarmKinds.Equivocation, conflict.Detail, now, conflict.EvidenceA, conflict.EvidenceB);
                session.Mirrors.WriteStatus(mirror.LogId, status);
            });
            mirror.SetStatus(status);
            LogEquivocation(mirror.Region, conflict.Detail, conflict.EvidenceA, conflict.EvidenceB);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "EQUIVOCATION by region {Region}: {Detail}; its mirror is halted. Evidence A:\n{EvidenceA}\nEvidence B:\n{EvidenceB}")]
    private partial void LogEquivocation(string region, string detail, string evidenceA, string evidenceB);
}
