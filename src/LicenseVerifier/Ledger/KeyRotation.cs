using System.Text;
using Google.Protobuf;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>
/// A change of a log's signing key, as a KeyRotated entry records it: the previous key signs the
/// checkpoint of the block holding the entry (size <paramref name="LastTreeSize"/>), the new key
/// every checkpoint after it.
/// </summary>
/// <param name="PreviousKey">The retired key.</param>
/// <param name="NewKey">The key taking over.</param>
/// <param name="LeafIndex">The leaf of the KeyRotated entry.</param>
/// <param name="LastTreeSize">The tree size of the last checkpoint the previous key signs.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record KeyRotation(NoteVerifier PreviousKey, NoteVerifier NewKey, ulong LeafIndex, ulong LastTreeSize)
{
    /// <summary>The entry kind that retires <paramref name="previous"/> for <paramref name="next"/>:
    /// both verifier keys and the previous key's endorsement, a signature over the UTF-8 bytes of
    /// the new verifier key.</summary>
    /// <exception cref="ArgumentException">The keys are not signature keys of the same name and algorithm, or are the same key.</exception>
    public static KeyRotated Endorse(NoteSigner previous, NoteVerifier next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var rotated = new KeyRotated { PreviousVerifierKey = previous.Verifier.VerifierKey, NewVerifierKey = next.VerifierKey };
        if (FieldProblem(rotated) is { } problem)
        {
            throw new ArgumentException(problem, nameof(next));
        }
        rotated.Endorsement = ByteString.CopyFrom(previous.Key.Sign(Encoding.UTF8.GetBytes(next.VerifierKey)));
        return rotated;
    }

    /// <summary>Whether the endorsement of <paramref name="rotated"/> verifies with <paramref name="previous"/>.</summary>
    public static bool IsEndorsedBy(KeyRotated rotated, NoteVerifier previous)
    {
        ArgumentNullException.ThrowIfNull(rotated);
        ArgumentNullException.ThrowIfNull(previous);
        return previous.PublicKey.Verify(Encoding.UTF8.GetBytes(rotated.NewVerifierKey), rotated.Endorsement.Span);
    }

    /// <summary>The rules of the entry's fields alone: both keys parse as signature keys, share
    /// their name (the origin) and algorithm, differ, and an endorsement is present. Null when kept.</summary>
    internal static string? FieldProblem(KeyRotated rotated)
    {
        if (!NoteVerifier.TryParse(rotated.PreviousVerifierKey, out var previous, out var error))
        {
            return $"key rotation: previous_verifier_key: {error}";
        }
        if (!NoteVerifier.TryParse(rotated.NewVerifierKey, out var next, out error))
        {
            return $"key rotation: new_verifier_key: {error}";
        }
        if (previous!.Kind != NoteKeyKind.Signature || next!.Kind != NoteKeyKind.Signature)
        {
            return "key rotation: both keys must be note signature keys, not cosignature keys";
        }
        if (previous.Name != next.Name)
        {
            return $"key rotation: new key named '{next.Name}', want the previous key's name '{previous.Name}'";
        }
        if (previous.PublicKey.Algorithm != next.PublicKey.Algorithm)
        {
            return $"key rotation: new key is {next.PublicKey.Algorithm}, want {previous.PublicKey.Algorithm} (the suite never changes)";
        }
        return previous.VerifierKey == next.VerifierKey ? "key rotation: the new key is the previous key" : null;
    }
}
