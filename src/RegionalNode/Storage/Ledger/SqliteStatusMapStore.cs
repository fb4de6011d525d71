using Regional.LicenseVerifier.StatusMap;

namespace Regional.Node.Storage.Ledger;

/// <summary>The status_map_nodes table in SQLite. Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteStatusMapStore : IStatusMapStore, ISqliteStore
{
    MapNode? IStatusMapStore.FindMapNode(long logId, MapPosition position, ulong asOfSize)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = """
            SELECT hash, leaf_key, leaf_value FROM status_map_nodes
            WHERE log_id = $log AND position = $position AND tree_size <= $size
            ORDER BY tree_size DESC LIMIT 1
            """;
        query.Parameters.AddWithValue("$log", logId);
        query.Parameters.AddWithValue("$position", position.ToBytes());
        query.Parameters.AddWithValue("$size", checked((long)Math.Min(asOfSize, long.MaxValue)));
        using var reader = query.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new MapNode((byte[])reader[0], reader.IsDBNull(1) ? null : (byte[])reader[1], reader.IsDBNull(2) ? null : (byte[])reader[2]);
    }

    void IStatusMapStore.InsertMapNodes(long logId, ulong treeSize, IReadOnlyList<(MapPosition Position, MapNode Node)> nodes)
    {
        using var insert = Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO status_map_nodes (log_id, position, tree_size, hash, leaf_key, leaf_value)
            VALUES ($log, $position, $size, $hash, $key, $value)
            """;
        insert.Parameters.AddWithValue("$log", logId);
        var position = insert.Parameters.Add("$position", Microsoft.Data.Sqlite.SqliteType.Blob);
        insert.Parameters.AddWithValue("$size", checked((long)treeSize));
        var hash = insert.Parameters.Add("$hash", Microsoft.Data.Sqlite.SqliteType.Blob);
        var key = insert.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Blob);
        var value = insert.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Blob);
        foreach (var (at, node) in nodes)
        {
            position.Value = at.ToBytes();
            hash.Value = node.Hash;
            key.Value = (object?)node.LeafKey ?? DBNull.Value;
            value.Value = (object?)node.LeafValue ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    long IStatusMapStore.CountMapNodes(long logId)
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT count(*) FROM status_map_nodes WHERE log_id = $log";
        query.Parameters.AddWithValue("$log", logId);
        return (long)query.ExecuteScalar()!;
    }
}
