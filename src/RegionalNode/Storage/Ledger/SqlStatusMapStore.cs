using System.Data.Common;
using Regional.LicenseVerifier.StatusMap;

namespace Regional.Node.Storage.Ledger;

/// <summary>The status_map_nodes table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlStatusMapStore : IStatusMapStore, ISqlStore
{
    MapNode? IStatusMapStore.FindMapNode(long logId, MapPosition position, ulong asOfSize)
    {
        var query = Prepared("""
            SELECT hash, leaf_key, leaf_value FROM status_map_nodes
            WHERE log_id = @log AND position = @position AND tree_size <= @size
            ORDER BY tree_size DESC LIMIT 1
            """);
        Bind(query, logId, asOfSize, ("@position", position));
        using var reader = query.ExecuteReader();
        return reader.Read() ? Node(reader, 0) : null;
    }

    (MapNode? Left, MapNode? Right) IStatusMapStore.FindMapChildren(long logId, MapPosition parent, ulong asOfSize)
    {
        // Two index seeks in one statement: each child's newest version at or below the size.
        var query = Prepared("""
            SELECT 0, l.* FROM (SELECT hash, leaf_key, leaf_value FROM status_map_nodes
                WHERE log_id = @log AND position = @left AND tree_size <= @size ORDER BY tree_size DESC LIMIT 1) AS l
            UNION ALL
            SELECT 1, r.* FROM (SELECT hash, leaf_key, leaf_value FROM status_map_nodes
                WHERE log_id = @log AND position = @right AND tree_size <= @size ORDER BY tree_size DESC LIMIT 1) AS r
            """);
        Bind(query, logId, asOfSize, ("@left", parent.Child(0)), ("@right", parent.Child(1)));
        using var reader = query.ExecuteReader();
        MapNode? left = null, right = null;
        while (reader.Read())
        {
            if (reader.GetInt32(0) == 0)
            {
                left = Node(reader, 1);
            }
            else
            {
                right = Node(reader, 1);
            }
        }
        return (left, right);
    }

    private static void Bind(DbCommand query, long logId, ulong asOfSize, params (string Name, MapPosition Position)[] positions)
    {
        if (query.Parameters.Count == 0)
        {
            query.Declare("@log", System.Data.DbType.Int64);
            query.Declare("@size", System.Data.DbType.Int64);
            foreach (var (name, _) in positions)
            {
                query.Declare(name, System.Data.DbType.Binary);
            }
        }
        query.Parameters["@log"].Value = logId;
        query.Parameters["@size"].Value = checked((long)Math.Min(asOfSize, long.MaxValue));
        foreach (var (name, position) in positions)
        {
            query.Parameters[name].Value = position.ToBytes();
        }
    }

    private static MapNode Node(DbDataReader reader, int at) =>
        new((byte[])reader[at], reader.IsDBNull(at + 1) ? null : (byte[])reader[at + 1], reader.IsDBNull(at + 2) ? null : (byte[])reader[at + 2]);

    void IStatusMapStore.InsertMapNodes(long logId, ulong treeSize, IReadOnlyList<(MapPosition Position, MapNode Node)> nodes)
    {
        var insert = Prepared("""
            INSERT INTO status_map_nodes (log_id, position, tree_size, hash, leaf_key, leaf_value)
            VALUES (@log, @position, @size, @hash, @key, @value)
            """);
        if (insert.Parameters.Count == 0)
        {
            insert.Declare("@log", System.Data.DbType.Int64);
            insert.Declare("@position", System.Data.DbType.Binary);
            insert.Declare("@size", System.Data.DbType.Int64);
            insert.Declare("@hash", System.Data.DbType.Binary);
            insert.Declare("@key", System.Data.DbType.Binary);
            insert.Declare("@value", System.Data.DbType.Binary);
        }
        insert.Parameters["@log"].Value = logId;
        insert.Parameters["@size"].Value = checked((long)treeSize);
        foreach (var (at, node) in nodes)
        {
            insert.Parameters["@position"].Value = at.ToBytes();
            insert.Parameters["@hash"].Value = node.Hash;
            insert.Parameters["@key"].Value = (object?)node.LeafKey ?? DBNull.Value;
            insert.Parameters["@value"].Value = (object?)node.LeafValue ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    long IStatusMapStore.CountMapNodes(long logId)
    {
        var query = Prepared("SELECT count(*) FROM status_map_nodes WHERE log_id = @log", ("@log", logId));
        return (long)query.ExecuteScalar()!;
    }
}
