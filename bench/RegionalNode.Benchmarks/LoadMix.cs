using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>The kinds of call in the mixed load.</summary>
internal enum Operation
{
    /// <summary>VerifyLicense by id (status and proof bundle), on any region's node.</summary>
    VerifyById,

    /// <summary>VerifyLicense of a presented document: two disclosed fields with their salts.</summary>
    VerifyDisclosed,

    /// <summary>IssueLicense in the node's own region.</summary>
    Issue,

    /// <summary>ChangeLicenseStatus to REVOKED of a licence issued earlier, in its own region.</summary>
    Revoke,
}

/// <summary>
/// The share of each <see cref="Operation"/> in the load, from --mix "verify-id,verify-disclosed,issue,revoke"
/// as whole weights (default 70,15,10,5: mostly verification, some issuance, a few revocations).
/// </summary>
internal sealed class LoadMix
{
    private readonly int[] _weights;
    private readonly int _total;

    private LoadMix(int[] weights)
    {
        _weights = weights;
        _total = weights.Sum();
    }

    public static IReadOnlyList<Operation> Operations { get; } = Enum.GetValues<Operation>();

    public static LoadMix Parse(string? text)
    {
        var parts = (text ?? "70,15,10,5").Split(',');
        if (parts.Length != Operations.Count
            || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || parts.Sum(p => int.Parse(p, CultureInfo.InvariantCulture)) == 0)
        {
            throw new BenchmarkException($"--mix: got '{text}', want four weights verify-id,verify-disclosed,issue,revoke such as 70,15,10,5");
        }
        return new LoadMix([.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]);
    }

    /// <summary>An operation drawn with the mix's weights.</summary>
    public Operation Pick(Random random)
    {
        var draw = random.Next(_total);
        for (var i = 0; i < _weights.Length; i++)
        {
            if (draw < _weights[i])
            {
                return Operations[i];
            }
            draw -= _weights[i];
        }
        throw new InvalidOperationException("the weights sum to the total");
    }

    public override string ToString() => string.Join(", ", Operations.Select((o, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{o} {100.0 * _weights[i] / _total:F0} %")));
}
