using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>A mirror of one trusted log, as a node keeps it: its position, the licences it has
/// stored and its copy of the log's status map. It stores a block, and moves on, only when the
/// validator accepts it.</summary>
internal sealed class TestMirror(Suite suite, TrustedLog log)
{
    public MirrorPosition Position { get; private set; } = MirrorPosition.Genesis(suite);

    public MemoryHistory History { get; } = new();

    public MemoryStatusMap StatusMap { get; } = new();

    /// <summary>Checks the block as the next one, without storing it.</summary>
    public BlockCheck Validate(Block block) => BlockValidator.Validate(suite, log, Position, block, History, StatusMap);

    /// <summary>Checks the block and, if it is valid, stores it: the position and history move on.</summary>
    public BlockCheck Receive(Block block)
    {
        var check = Validate(block);
        if (check.IsValid)
        {
            Position = check.Next!;
            History.Apply(check.Entries);
            StatusMap.Store(check.StatusMapNodes);
        }
        return check;
    }

    /// <summary>Receives every block, asserting each is valid.</summary>
    public void ReceiveAll(params Block[] blocks)
    {
        foreach (var block in blocks)
        {
            var check = Receive(block);
            Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
        }
    }
}
