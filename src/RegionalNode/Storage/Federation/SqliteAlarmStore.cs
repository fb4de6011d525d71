using Google.Protobuf.WellKnownTypes;
using Regional.V1;

namespace Regional.Node.Storage.Federation;

/// <summary>The alarms table in SQLite. Part of <see cref="SqliteSession"/> (see <see cref="ISqliteStore"/>).</summary>
internal interface ISqliteAlarmStore : IAlarmStore, ISqliteStore
{
    void IAlarmStore.Raise(string region, string kind, string detail, DateTimeOffset now, string? evidenceA, string? evidenceB)
    {
        using var insert = Connection.CreateCommand();
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

    IReadOnlyList<Alarm> IAlarmStore.List(int limit)
    {
        using var query = Connection.CreateCommand();
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
                RaisedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))),
            });
        }
        return alarms;
    }

    IReadOnlyList<AlarmCount> IAlarmStore.Counts()
    {
        using var query = Connection.CreateCommand();
        query.CommandText = "SELECT kind, region, COUNT(*) FROM alarms GROUP BY kind, region";
        using var reader = query.ExecuteReader();
        var counts = new List<AlarmCount>();
        while (reader.Read())
        {
            counts.Add(new AlarmCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return counts;
    }
}
