using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Federation.Mirroring;

/// <summary>Writes verified blocks into a mirror, one transaction per block: entries, tree nodes,
/// the header, the derived licence state and the mirror's status commit together or not at all.</summary>
internal static class MirrorStore
{
    /// <summary>Stores a block that <see cref="BlockValidator"/> accepted; returns the mirror's new state.</summary>
    public static LogState Store(SqliteConnection connection, MirrorLog mirror, Block block, BlockCheck check, MirrorStatus status)
    {
        var header = check.Header!;
        var state = mirror.State;
        var logId = mirror.LogId;
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            // The validator already computed every leaf and node hash: store them, do not hash again.
            var leafHashes = check.Nodes.Where(n => n.Id.Level == 0).ToDictionary(n => n.Id.Index, n => n.Hash);
            for (var i = 0; i < block.Entries.Count; i++)
            {
                var leaf = header.FirstLeafIndex + (ulong)i;
                LogStore.InsertEntry(connection, logId, leaf, header.Height, block.Entries[i].ToByteArray(), leafHashes[leaf]);
                EntryProjector.Apply(connection, logId, leaf, check.Entries[i]);
            }
            foreach (var (id, hash) in check.Nodes)
            {
                LogStore.InsertNode(connection, logId, id, hash);
            }
            var range = check.Next!.Range;
            var sealedAt = header.SealedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
            var stored = new StoredBlock(header.Height, block.Header.ToByteArray(), header.FirstLeafIndex, header.LeafCount,
                header.TreeSize, header.RootHash.ToByteArray(), sealedAt, header.Checkpoint);
            var blockHash = check.Next!.LastBlockHash.ToArray();
            LogStore.InsertBlock(connection, logId, stored, blockHash);
            if (check.Rotation is { } rotation)
            {
                KeyHistory.Record(connection, logId, rotation); // the mirror follows the issuer's new key after a restart too
            }
            WriteStatus(connection, logId, status);
            Execute(connection, "COMMIT");
            return new LogState(new LogHead(logId, header.TreeSize, header.Height, blockHash, stored.RootHash, stored.Checkpoint, sealedAt), range)
            {
                Keys = state.Keys.After(check.Rotation),
            };
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    /// <summary>Stores the status; a halted mirror's stays halted (only an operator lifts it).</summary>
    public static void WriteStatus(SqliteConnection connection, long logId, MirrorStatus status)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO mirror_state (log_id, state, detail, last_synced_ms, latest_seen_size)
            VALUES ($log, $state, $detail, $synced, $seen)
            ON CONFLICT (log_id) DO UPDATE SET state = excluded.state, detail = excluded.detail,
                last_synced_ms = excluded.last_synced_ms, latest_seen_size = excluded.latest_seen_size
                WHERE mirror_state.state <> 'halted' OR excluded.state = 'halted'
            """;
        upsert.Parameters.AddWithValue("$log", logId);
        upsert.Parameters.AddWithValue("$state", status.State);
        upsert.Parameters.AddWithValue("$detail", status.Detail);
        upsert.Parameters.AddWithValue("$synced", status.LastSyncedAt is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value);
        upsert.Parameters.AddWithValue("$seen", checked((long)status.LatestSeenSize));
        upsert.ExecuteNonQuery();
    }

    public static MirrorStatus? ReadStatus(SqliteConnection connection, long logId)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT state, detail, last_synced_ms, latest_seen_size FROM mirror_state WHERE log_id = $log";
        query.Parameters.AddWithValue("$log", logId);
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new MirrorStatus(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), (ulong)reader.GetInt64(3))
            : null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
