using BenchmarkDotNet.Attributes;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>Base of every benchmark: runs once per federation suite, gm (SM2/SM3) and intl (Ed25519/SHA-256).</summary>
[MemoryDiagnoser]
public abstract class SuiteBenchmark
{
    private Suite? _suite;

    /// <summary>The suite under test.</summary>
    [Params("gm", "intl")]
    public string SuiteName { get; set; } = "gm";

    /// <summary>The suite named by <see cref="SuiteName"/>.</summary>
    protected Suite Suite => _suite ??= Suite.FromName(SuiteName) ?? throw new InvalidOperationException($"unknown suite '{SuiteName}'");
}
