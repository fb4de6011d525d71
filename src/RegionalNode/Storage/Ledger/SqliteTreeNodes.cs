using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage.Ledger;

/// <summary>Complete-subtree hashes of one log, read from the tree_nodes table in one query per
/// batch, so a proof costs O(log n) row reads and never loads the tree.</summary>
internal sealed class SqliteTreeNodes(SqliteConnection connection, long logId) : ITreeNodeSource
{
    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        using var query = connection.CreateCommand();
        var sql = new StringBuilder("SELECT level, node_index, hash FROM tree_nodes WHERE log_id = $log AND (level, node_index) IN (VALUES ");
        for (var i = 0; i < ids.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"($l{i}, $i{i})");
            query.Parameters.AddWithValue($"$l{i}", ids[i].Level);
            query.Parameters.AddWithValue($"$i{i}", checked((long)ids[i].Index));
        }
        sql.Append(')');
        query.CommandText = sql.ToString();
        query.Parameters.AddWithValue("$log", logId);
        var found = new Dictionary<NodeId, byte[]>(ids.Count);
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                found[new NodeId(reader.GetInt32(0), (ulong)reader.GetInt64(1))] = (byte[])reader[2];
            }
        }
        var result = new byte[ids.Count][];
        for (var i = 0; i < ids.Count; i++)
        {
            result[i] = found.TryGetValue(ids[i], out var hash)
                ? hash
                : throw new InvalidOperationException($"tree node {ids[i]} of log {logId} is missing: the tree tables are damaged");
        }
        return result;
    }
}
