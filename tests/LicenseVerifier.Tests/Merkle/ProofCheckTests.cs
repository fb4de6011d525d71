using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>A proof check nobody computed is never a proof that verified.</summary>
public class ProofCheckTests
{
    [Test]
    public void Default_NotChecked_IsNotValid()
    {
        // Act
        var check = default(ProofCheck);

        // Assert
        Assert.That(check.Failure, Is.EqualTo(ProofFailure.NotChecked));
        Assert.That(check.IsValid, Is.False);
        Assert.That(check, Is.Not.EqualTo(ProofCheck.Valid));
        Assert.That(check.ToString(), Does.StartWith("NotChecked"));
    }

    [Test]
    public void ProofFailure_ZeroValue_IsNotChecked()
    {
        // Assert: an unset enum field (0) must not read as success either.
        Assert.That((ProofFailure)0, Is.EqualTo(ProofFailure.NotChecked));
        Assert.That((int)ProofFailure.None, Is.Not.Zero);
    }

    [Test]
    public void Valid_VerifiedProof_IsValid()
    {
        // Act
        var check = MerkleTree.VerifyInclusion(LicenseVerifier.Crypto.Suite.Intl, 0, 1, new byte[32], [], new byte[32]);

        // Assert
        Assert.That(ProofCheck.Valid.IsValid, Is.True);
        Assert.That(ProofCheck.Valid.Failure, Is.EqualTo(ProofFailure.None));
        Assert.That(check.IsValid, Is.True, check.ToString());
        Assert.That(check, Is.EqualTo(ProofCheck.Valid));
    }
}
