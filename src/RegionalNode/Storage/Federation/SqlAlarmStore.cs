using Google.Protobuf.WellKnownTypes;
using Regional.V1;

namespace Regional.Node.Storage.Federation;

/// <summary>The alarms table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlAlarmStore : IAlarmStore, ISqlStore
{
    void IAlarmStore.Raise(string region, string kind, string detail, DateTimeOffset now, string? evidenceA, string? evidenceB)
    {
        var insert = Prepared("""
            INSERT INTO alarms (region, kind, detail, evidence_a, evidence_b, raised_at_ms)
            VALUES (@region, @kind, @detail, @a, @b, @at)
            """,
            ("@region", region), ("@kind", kind), ("@detail", detail), ("@a", (object?)evidenceA ?? DBNull.Value),
            ("@b", (object?)evidenceB ?? DBNull.Value), ("@at", now.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
    }

    IReadOnlyList<Alarm> IAlarmStore.List(int limit)
    {
        var query = Prepared("SELECT region, kind, detail, raised_at_ms FROM alarms ORDER BY alarm_id DESC LIMIT @limit", ("@limit", limit));
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
        var query = Prepared("SELECT kind, region, COUNT(*) FROM alarms GROUP BY kind, region");
        using var reader = query.ExecuteReader();
        var counts = new List<AlarmCount>();
        while (reader.Read())
        {
            counts.Add(new AlarmCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return counts;
    }
}
