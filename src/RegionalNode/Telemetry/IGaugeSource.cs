using System.Diagnostics.Metrics;

namespace Regional.Node.Telemetry;

/// <summary>Observable instruments that read the node's state (log sizes, mirror lag, alarms) when a
/// collector asks. Defined here, implemented where that state is known (Hosting/NodeGauges), so the
/// instruments stay below the ledger and the federation that record into them.</summary>
internal interface IGaugeSource
{
    void Register(Meter meter);
}
