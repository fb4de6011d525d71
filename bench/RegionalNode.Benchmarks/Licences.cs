using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>Realistic business licences (starter type "business-licence" of the region's department
/// &lt;region&gt;-samr, six fields as in the node's tests), each with its own holder, and the call that issues one.</summary>
internal static class Licences
{
    private static readonly Timestamp NotBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private static long _serial;

    public static IssueLicenseRequest BusinessLicence(string region = "bj")
    {
        var serial = Interlocked.Increment(ref _serial);
        var creditCode = string.Create(CultureInfo.InvariantCulture, $"91110105MA{serial:D7}X");
        var request = new IssueLicenseRequest
        {
            LicenseType = "business-licence",
            IssuingDepartment = $"{region}-samr",
            HolderId = creditCode,
            Validity = new Validity { NotBefore = NotBefore },
        };
        request.Fields.Add(Field("company_name", string.Create(CultureInfo.InvariantCulture, $"北京示例科技有限公司{serial}")));
        request.Fields.Add(Field("credit_code", creditCode));
        request.Fields.Add(Field("company_type", "有限责任公司"));
        request.Fields.Add(Field("legal_representative", "张三"));
        request.Fields.Add(Field("established_on", "2024-06-01"));
        request.Fields.Add(Field("address", string.Create(CultureInfo.InvariantCulture, $"北京市朝阳区示例路{serial % 1000 + 1}号")));
        return request;
    }

    /// <summary>Issues one licence; true when the node acknowledged it with a receipt (the block is durable).</summary>
    public static async Task<bool> IssueAsync(LicenseService.LicenseServiceClient client, IdSample sample, Random random)
    {
        var response = await client.IssueLicenseAsync(BusinessLicence());
        if (response.Receipt is null || response.LicenseId.Length == 0)
        {
            return false;
        }
        sample.Offer(response.LicenseId, random);
        return true;
    }

    private static LicenseField Field(string name, string value) => new() { Name = name, Value = value };
}

/// <summary>A uniform random sample of the issued licence ids (reservoir sampling), so that
/// verification reads licences from the whole log, not only the newest ones.</summary>
internal sealed class IdSample(int capacity)
{
    private readonly List<string> _ids = new(capacity);
    private readonly Lock _lock = new();
    private long _seen;

    public void Offer(string id, Random random)
    {
        lock (_lock)
        {
            _seen++;
            if (_ids.Count < capacity)
            {
                _ids.Add(id);
            }
            else if (random.NextInt64(_seen) is var slot && slot < capacity)
            {
                _ids[(int)slot] = id;
            }
        }
    }

    public string Pick(Random random)
    {
        lock (_lock)
        {
            return _ids[random.Next(_ids.Count)];
        }
    }
}
