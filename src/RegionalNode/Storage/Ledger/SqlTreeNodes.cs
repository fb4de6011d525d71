using System.Globalization;
using System.Text;
using System.Data.Common;
using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage.Ledger;

/// <summary>Complete-subtree hashes of one log, read from the tree_nodes table in one query per
/// batch, so a proof costs O(log n) row reads and never loads the tree.</summary>
internal sealed class SqlTreeNodes(ISqlStore store, long logId) : ITreeNodeSource
{
    public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        // One statement per count of nodes (a proof asks for up to ~2 log n), prepared once per session.
        var query = store.Prepared(Statement(ids.Count));
        var parameters = query.Parameters;
        if (parameters.Count == 0)
        {
            query.Declare("@log", System.Data.DbType.Int64);
            for (var i = 0; i < ids.Count; i++)
            {
                query.Declare($"@l{i}", System.Data.DbType.Int64);
                query.Declare($"@i{i}", System.Data.DbType.Int64);
            }
        }
        parameters[0].Value = logId;
        for (var i = 0; i < ids.Count; i++)
        {
            parameters[1 + 2 * i].Value = ids[i].Level;
            parameters[2 + 2 * i].Value = checked((long)ids[i].Index);
        }
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Statements = new();

    private static string Statement(int count) => Statements.GetOrAdd(count, n =>
    {
        var sql = new StringBuilder("SELECT level, node_index, hash FROM tree_nodes WHERE log_id = @log AND (level, node_index) IN (VALUES ");
        for (var i = 0; i < n; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@l{i}, @i{i})");
        }
        return sql.Append(')').ToString();
    });
}
