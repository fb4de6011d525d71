using Microsoft.Data.Sqlite;
using Regional.V1;

namespace Regional.Node.Federation;

/// <summary>Things an operator must look at (a rejected block, equivocation), kept with their evidence.</summary>
internal static class AlarmStore
{
    public const string RejectedBlock = "rejected_block";
    public const string Equivocation = "equivocation";

    /// <summary>A region's node relayed a call on behalf of a department that is not its region's.</summary>
    public const string Impersonation = "impersonation";

    public static void Raise(SqliteConnection connection, string region, string kind, string detail, DateTimeOffset now, string? evidenceA = null, string? evidenceB = null)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO alarms (region, kind, detail, evidence_a, evidence_b, raised_at_ms)
            VALUES ($region, $kind, $detail, $a, $b, $at)
            """;
        insert.Parameters.AddWithValue("$region", region);
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$detail", detail);
        insert.Parameters.AddWithValue("$a", (object?)evidenceA ?? DBNull.Value);
        insert.Parameters.AddWithValue("$b", (object?)evidenceB ?? DBNull.Value);
        insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
    }

    /// <summary>The latest alarms, newest first.</summary>
    public static List<Alarm> List(SqliteConnection connection, int limit = 50)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT region, kind, detail, raised_at_ms FROM alarms ORDER BY alarm_id DESC LIMIT $limit";
        query.Parameters.AddWithValue("$limit", limit);
        using var reader = query.ExecuteReader();
        var alarms = new List<Alarm>();
        while (reader.Read())
        {
            alarms.Add(new Alarm
            {
                Region = reader.GetString(0),
                Kind = reader.GetString(1),
                Detail = reader.GetString(2),
                RaisedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))),
            });
        }
        return alarms;
    }
}
