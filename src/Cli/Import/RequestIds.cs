using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Regional.V1;

namespace Regional.Cli.Import;

/// <summary>
/// Request ids (the node's idempotency keys, docs/errors.md) for the CLI's writes.
/// <para>An import row's id comes from what the row asks for and nothing else: "imp-" and the hex SHA-256
/// of the issuing department, licence type, holder, every field (sorted by name, then value) and the
/// validity, each length-prefixed so no two different rows encode alike. The file's name, the row's line
/// and the rows around it play no part, so re-running an import, renamed, reordered or with rows added,
/// issues nothing twice; two identical rows are one licence.</para>
/// <para>A single `license issue` gets a fresh random id per run ("cli-"), kept across the run's retries;
/// to make a re-run safe too, give the same --request-id.</para>
/// </summary>
internal static class RequestIds
{
    private const string Version = "regional.import.v1";

    public static string FromContent(IssueLicenseRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, Version);
        Add(hash, request.IssuingDepartment);
        Add(hash, request.LicenseType);
        Add(hash, request.HolderId);
        var fields = request.Fields.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
        Add(hash, fields.Count);
        foreach (var field in fields)
        {
            Add(hash, field.Name);
            Add(hash, field.Value);
        }
        Add(hash, request.Validity?.NotBefore);
        Add(hash, request.Validity?.NotAfter);
        return "imp-" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Fresh() => "cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static void Add(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Add(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void Add(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }

    /// <summary>A time as presence, seconds and nanoseconds: absent and the epoch differ.</summary>
    private static void Add(IncrementalHash hash, Google.Protobuf.WellKnownTypes.Timestamp? time)
    {
        Add(hash, time is null ? 0 : 1);
        Add(hash, time?.Seconds ?? 0);
        Add(hash, time?.Nanos ?? 0);
    }
}
