using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Regional.Node.Tests.Support;

/// <summary>
/// Spans and metrics collected in memory from one node's OpenTelemetry pipeline (in-memory exporters
/// added to its tracer and meter providers). In-process nodes share the process's listeners, so the
/// providers of one node see every node's spans and meters: tell the nodes apart by the
/// regional.region tag (spans) and meter scope tag (metrics).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly Locked<Activity> _spans = new();
    private readonly Locked<Metric> _metrics = new();
    private IServiceProvider? _services;

    /// <summary>Adds the in-memory exporters to a node's builder (TestNodeOptions.Configure).</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
    }

    /// <summary>The node whose providers export here (to flush them).</summary>
    public void Attach(IServiceProvider services) => _services = services;

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Collects every metric now. The metrics are live: read their points before the next collection.</summary>
    public IReadOnlyList<Metric> CollectMetrics()
    {
        _metrics.Clear();
        _services!.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Snapshot();
    }

    /// <summary>A list the exporters may add to from any thread.</summary>
    private sealed class Locked<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) { return _items.Count; } } }

        public bool IsReadOnly => false;

        public void Add(T item) { lock (_items) { _items.Add(item); } }

        public void Clear() { lock (_items) { _items.Clear(); } }

        public bool Contains(T item) { lock (_items) { return _items.Contains(item); } }

        public void CopyTo(T[] array, int arrayIndex) { lock (_items) { _items.CopyTo(array, arrayIndex); } }

        public bool Remove(T item) { lock (_items) { return _items.Remove(item); } }

        public List<T> Snapshot() { lock (_items) { return [.. _items]; } }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
