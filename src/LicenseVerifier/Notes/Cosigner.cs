using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Regional.LicenseVerifier.Notes;

/// <summary>Witness cosignatures of checkpoints, per c2sp.org/tlog-cosignature (cosignature/v1).</summary>
/// <remarks>
/// <para>The signed message is <c>"cosignature/v1\ntime " + T + "\n"</c> followed by the whole
/// checkpoint body (the note text, with its final newline), where T is the POSIX time in seconds
/// without leading zeros. The signature bytes after the key ID are the 8-byte big-endian T
/// followed by the signature (Ed25519: 64 bytes; SM2: DER, with the SM2 cosignature type).</para>
/// <para>Meaning (tlog-witness): as of T, this is the largest tree consistent with everything the
/// witness has seen for the origin. Stateless and thread-safe; never reads the clock.</para>
/// </remarks>
public static class Cosigner
{
    /// <summary>A cosignature of checkpoint at time (truncated to whole seconds).</summary>
    /// <exception cref="ArgumentException">The witness key is not a cosignature key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the Unix epoch.</exception>
    public static NoteSignature Cosign(NoteSigner witness, Checkpoint checkpoint, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (witness.Verifier.Kind != NoteKeyKind.Cosignature)
        {
            throw new ArgumentException($"{witness.Name} is not a cosignature key", nameof(witness));
        }
        var seconds = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(time));
        var signature = witness.Key.Sign(Message(seconds, checkpoint.ToBody()));
        var bytes = new byte[sizeof(ulong) + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)seconds);
        signature.CopyTo(bytes, sizeof(ulong));
        return new NoteSignature(witness.Name, witness.KeyId, bytes);
    }

    /// <summary>Whether signature is a valid cosignature of checkpoint by witness (matching name and
    /// key ID); if so, time is the cosigned time.</summary>
    public static bool TryVerify(NoteVerifier witness, Checkpoint checkpoint, NoteSignature signature, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(signature);
        time = default;
        if (witness.Kind != NoteKeyKind.Cosignature || signature.KeyName != witness.Name || signature.KeyId != witness.KeyId)
        {
            return false;
        }
        return witness.Verify(checkpoint.ToBody(), signature.Signature.Span, out var seconds) && TryToTime(seconds, out time);
    }

    /// <summary>The signed message: "cosignature/v1\ntime T\n" || body.</summary>
    internal static byte[] Message(long seconds, string body) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {seconds}\n{body}"));

    /// <summary>POSIX seconds as a time, when <see cref="DateTimeOffset"/> can hold them (to year 9999).</summary>
    internal static bool TryToTime(long seconds, out DateTimeOffset time)
    {
        time = default;
        if (seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }
        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
