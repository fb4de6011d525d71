using Regional.LicenseVerifier.Ledger;

namespace Regional.LicenseVerifier.Tests.Ledger;

[TestFixture]
public sealed class MirrorStateTests
{
    [TestCase("own")]
    [TestCase("catching_up")]
    [TestCase("following")]
    [TestCase("unreachable")]
    [TestCase("rejected")]
    [TestCase("halted")]
    public void Parse_EveryWireWord_RoundTripsAndIsKnown(string word)
    {
        var state = MirrorState.Parse(word);

        Assert.That(state.IsKnown, Is.True);
        Assert.That(state.ToString(), Is.EqualTo(word));
        Assert.That(MirrorState.All, Does.Contain(state));
    }

    [Test]
    public void Default_IsNotAState()
    {
        Assert.That(default(MirrorState).IsKnown, Is.False);
        Assert.That(default(MirrorState).ToString(), Is.Empty);
    }

    [Test]
    public void Parse_UnknownWord_KeptButNotKnown()
    {
        var state = MirrorState.Parse("resting");

        Assert.That((state.IsKnown, state.Value), Is.EqualTo((false, "resting")));
    }

    [Test]
    public void NeedsOperator_OnlyRejectedAndHalted() =>
        Assert.That(MirrorState.All.Where(s => s.NeedsOperator), Is.EqualTo(new[] { MirrorState.Rejected, MirrorState.Halted }));
}
