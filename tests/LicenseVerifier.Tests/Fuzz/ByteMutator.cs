using System.Text;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>Random damage to a byte string, one to four steps: bit flips, bytes set to boundary
/// values, ranges deleted or duplicated, tokens inserted that parsers care about (newlines, the
/// em dash, '+', base64 padding, long digit strings, NUL, lone surrogates, overlong UTF-8,
/// protobuf varints and length prefixes), truncation, and splices with another seed.</summary>
internal static class ByteMutator
{
    private static readonly byte[][] Tokens =
    [
        .. new[] { "\n", "\n\n", "— ", "—", "+", "=", "==", " ", "0", "00", "18446744073709551615", "18446744073709551616", "-1", "\r", "\t", "\u0000", "\u2028", "中" }
            .Select(Encoding.UTF8.GetBytes),
        [0xED, 0xA0, 0x80], [0xC0, 0x8A], [0xFF], [0x80],
        [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        [0x0A, 0xFF, 0xFF, 0xFF, 0x7F], [0x0B], [0x0C], [0x08, 0x00],
    ];

    public static byte[] Mutate(byte[] seed, byte[][] others, Random random)
    {
        var bytes = new List<byte>(seed);
        var steps = random.Next(1, 5);
        for (var s = 0; s < steps; s++)
        {
            var at = random.Next(bytes.Count + 1);
            var length = Math.Min(random.Next(1, 17), bytes.Count - at);
            switch (random.Next(8))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = (byte)(random.Next(2) == 0 ? 0x00 : random.Next(2) == 0 ? 0x7F : 0xFF);
                    break;
                case 2 when length > 0:
                    bytes.RemoveRange(at, length);
                    break;
                case 3 when length > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    var other = others[random.Next(others.Length)];
                    var from = random.Next(other.Length + 1);
                    bytes.InsertRange(at, other[from..Math.Min(other.Length, from + random.Next(1, 64))]);
                    break;
                default:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Random bytes, of a length up to max, as often short as long.</summary>
    public static byte[] RandomBytes(Random random, int max)
    {
        var bytes = new byte[random.Next(2) == 0 ? random.Next(64) : random.Next(max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }
}
