using BenchmarkDotNet.Attributes;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>Hashing: the floor (one hash of 32 bytes) and the hash of one licence leaf.</summary>
public class HashBenchmarks : SuiteBenchmark
{
    private byte[] _hash = [];
    private byte[] _entry = [];

    /// <summary>Prepares a 32-byte input and a licence entry.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hash = Suite.Hash("regional"u8);
        _entry = SampleData.LicenseEntry(Suite);
        Console.WriteLine($"// licence entry: {_entry.Length} bytes");
    }

    /// <summary>Floor: Suite.Hash of 32 bytes (SM3 or SHA-256).</summary>
    [Benchmark]
    public byte[] RawHash32() => Suite.Hash(_hash);

    /// <summary>H(0x00 || entry) of a ~300-byte licence entry.</summary>
    [Benchmark]
    public byte[] HashLeaf300() => Suite.HashLeaf(_entry);
}
