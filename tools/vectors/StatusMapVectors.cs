using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;
using static Regional.Vectors.VectorFile;

namespace Regional.Vectors;

/// <summary>statusmap-SUITE.json: status map entries with their canonical value encoding and hashes, the
/// root of a map of twelve licences, and membership paths, good and broken, with StatusMapProof's verdict.</summary>
internal static class StatusMapVectors
{
    public static JsonObject Create(Suite suite)
    {
        var entries = Enumerable.Range(1, 12).Select(Entry).ToList();
        var map = new MemoryStatusMap();
        var update = new StatusMapUpdate(suite, map);
        foreach (var entry in entries)
        {
            update.Set(StatusMapHashing.Key(suite, entry.LicenseId), StatusMapHashing.Encode(entry));
        }
        var (root, changed) = update.Commit();
        map.Store(changed);
        var proofs = new JsonArray();
        foreach (var entry in entries)
        {
            var (_, proof) = LicenseStatusMap.Prove(suite, map, entry.LicenseId);
            proofs.Add(Proof(suite, $"{entry.LicenseId} is in the map", root, entry, proof.Siblings));
        }
        var (_, sample) = LicenseStatusMap.Prove(suite, map, entries[4].LicenseId);
        var siblings = sample.Siblings;
        proofs.Add(Proof(suite, "a sibling with one bit flipped", root, entries[4], [.. siblings.Select((s, i) => i == 0 && s.Length > 0 ? Flipped(s) : s)]));
        proofs.Add(Proof(suite, "another status than the map holds", root, new StatusMapEntry(entries[4]) { Status = LicenseStatus.Active + ((int)entries[4].Status % 3) }, siblings));
        proofs.Add(Proof(suite, "another licence's entry on this path", root, new StatusMapEntry(entries[4]) { LicenseId = entries[5].LicenseId }, siblings));
        proofs.Add(Proof(suite, "the last sibling left out", root, entries[4], siblings.Take(siblings.Count - 1).ToList()));
        proofs.Add(Proof(suite, "an empty sibling added at the end", root, entries[4], [.. siblings, []]));
        proofs.Add(Proof(suite, "a sibling of 31 bytes", root, entries[4], [.. siblings.Select((s, i) => i == 0 ? new byte[31] : s)]));
        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["description"] = "Sparse Merkle map from licence id to StatusMapEntry (docs/status-proofs.md): key H(0x02 || id), value hash H(0x03 || value), leaf H(0x04 || key || value hash), node H(0x05 || left || right), empty subtree 32 zero bytes; siblings from the root down, empty for an empty subtree. valid is StatusMapProof's verdict.",
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)EntryJson(suite, e))]),
            ["root"] = Hex(root),
            ["proofs"] = proofs,
        };
    }

    private static StatusMapEntry Entry(int i)
    {
        var entry = new StatusMapEntry
        {
            LicenseId = $"BJ-2026-{i:000000}",
            Status = (LicenseStatus)(1 + (i % 3)),
            Version = (uint)(1 + (i % 2)),
            LeafIndex = (ulong)(i * 7),
        };
        if (i % 4 != 0)
        {
            entry.NotAfter = new Timestamp { Seconds = 1_900_000_000 + i, Nanos = i % 5 == 0 ? 500_000_000 : 0 };
        }
        return entry;
    }

    public static JsonObject EntryJson(StatusMapEntry entry) => new()
    {
        ["licenseId"] = entry.LicenseId,
        ["status"] = entry.Status.ToString().ToUpperInvariant(),
        ["version"] = entry.Version,
        ["leafIndex"] = entry.LeafIndex,
        ["notAfter"] = entry.NotAfter is null ? null : new JsonObject { ["seconds"] = entry.NotAfter.Seconds, ["nanos"] = entry.NotAfter.Nanos },
    };

    private static JsonObject EntryJson(Suite suite, StatusMapEntry entry)
    {
        var json = EntryJson(entry);
        var value = StatusMapHashing.Encode(entry);
        var key = StatusMapHashing.Key(suite, entry.LicenseId);
        json["key"] = Hex(key);
        json["value"] = Hex(value);
        json["valueHash"] = Hex(StatusMapHashing.ValueHash(suite, value));
        json["leafHash"] = Hex(StatusMapHashing.LeafHash(suite, key, StatusMapHashing.ValueHash(suite, value)));
        return json;
    }

    private static JsonObject Proof(Suite suite, string name, byte[] root, StatusMapEntry entry, IReadOnlyList<byte[]> siblings)
    {
        var proof = new StatusMapProof(siblings, StatusMapHashing.Encode(entry));
        var problem = proof.Problem(suite, root, StatusMapHashing.Key(suite, entry.LicenseId));
        return new JsonObject
        {
            ["name"] = name,
            ["entry"] = EntryJson(entry),
            ["siblings"] = HexArray(siblings),
            ["root"] = Hex(root),
            ["valid"] = problem is null,
        };
    }

    private static byte[] Flipped(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 0x01;
        return copy;
    }
}
