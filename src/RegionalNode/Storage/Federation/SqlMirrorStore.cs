using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Storage.Federation;

/// <summary>The mirror_state table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlMirrorStore : IMirrorStore, ISqlStore
{
    void IMirrorStore.WriteStatus(long logId, MirrorStatus status)
    {
        var upsert = Prepared("""
            INSERT INTO mirror_state (log_id, state, detail, last_synced_ms, latest_seen_size)
            VALUES (@log, @state, @detail, @synced, @seen)
            ON CONFLICT (log_id) DO UPDATE SET state = excluded.state, detail = excluded.detail,
                last_synced_ms = excluded.last_synced_ms, latest_seen_size = excluded.latest_seen_size
                WHERE mirror_state.state <> 'halted' OR excluded.state = 'halted'
            """,
            ("@log", logId), ("@state", status.State.Value), ("@detail", status.Detail),
            ("@synced", status.LastSyncedAt is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value),
            ("@seen", checked((long)status.LatestSeenSize)));
        upsert.ExecuteNonQuery();
    }

    MirrorStatus? IMirrorStore.ReadStatus(long logId)
    {
        var query = Prepared("SELECT state, detail, last_synced_ms, latest_seen_size FROM mirror_state WHERE log_id = @log", ("@log", logId));
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new MirrorStatus(MirrorState.Parse(reader.GetString(0)), reader.GetString(1),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), (ulong)reader.GetInt64(3))
            : null;
    }
}
