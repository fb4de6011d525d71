using System.Data.Common;
using Google.Protobuf;
using Regional.V1;

namespace Regional.Node.Storage.Sharing;

/// <summary>The sharing_applications table (SQLite and PostgreSQL alike). Part of each engine's session (see <see cref="ISqlStore"/>).</summary>
internal interface ISqlSharingStore : ISharingStore, ISqlStore
{
    private const string Select = """
        SELECT l.region, s.log_id, s.applied, s.applied_leaf, s.approval, s.refused, s.decided_leaf, s.revoked_leaf, s.reason
        FROM sharing_applications s JOIN logs l ON l.log_id = s.log_id
        """;

    void ISharingStore.AddApplication(long logId, SharingApplied applied, ulong leafIndex) =>
        Prepared("""
            INSERT INTO sharing_applications (application_id, log_id, license_type, applicant_department, applied, applied_leaf)
            VALUES (@id, @log, @type, @department, @applied, @leaf)
            """,
            ("@id", applied.ApplicationId), ("@log", logId), ("@type", applied.LicenseType), ("@department", applied.ApplicantDepartment),
            ("@applied", applied.ToByteArray()), ("@leaf", checked((long)leafIndex))).ExecuteNonQuery();

    void ISharingStore.AddApproval(SharingApproved approved, ulong leafIndex) =>
        Prepared("UPDATE sharing_applications SET approval = @approval, decided_leaf = @leaf WHERE application_id = @id",
            ("@approval", approved.ToByteArray()), ("@leaf", checked((long)leafIndex)), ("@id", approved.ApplicationId)).ExecuteNonQuery();

    void ISharingStore.AddRefusal(SharingRefused refused, ulong leafIndex) =>
        Prepared("UPDATE sharing_applications SET refused = 1, reason = @reason, decided_leaf = @leaf WHERE application_id = @id",
            ("@reason", refused.Reason), ("@leaf", checked((long)leafIndex)), ("@id", refused.ApplicationId)).ExecuteNonQuery();

    void ISharingStore.AddRevocation(SharingRevoked revoked, ulong leafIndex) =>
        Prepared("UPDATE sharing_applications SET reason = @reason, revoked_leaf = @leaf WHERE application_id = @id",
            ("@reason", revoked.Reason), ("@leaf", checked((long)leafIndex)), ("@id", revoked.ApplicationId)).ExecuteNonQuery();

    SharingRow? ISharingStore.Find(string applicationId)
    {
        using var reader = Prepared(Select + " WHERE s.application_id = @id", ("@id", applicationId)).ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    IReadOnlyList<SharingRow> ISharingStore.List(long? logId, string? licenseType, string? department)
    {
        using var reader = Prepared(Select + """

             WHERE (@log = 0 OR s.log_id = @log)
               AND (@type = '' OR s.license_type = @type)
               AND (@department = '' OR s.applicant_department = @department)
             ORDER BY l.region, s.applied_leaf
            """,
            ("@log", logId ?? 0L), ("@type", licenseType ?? ""), ("@department", department ?? "")).ExecuteReader();
        var rows = new List<SharingRow>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    private static SharingRow Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        SharingApplied.Parser.ParseFrom((byte[])reader[2]),
        (ulong)reader.GetInt64(3),
        reader.IsDBNull(4) ? null : SharingApproved.Parser.ParseFrom((byte[])reader[4]),
        reader.GetInt64(5) != 0,
        reader.IsDBNull(6) ? null : (ulong)reader.GetInt64(6),
        reader.IsDBNull(7) ? null : (ulong)reader.GetInt64(7),
        reader.GetString(8));
}
