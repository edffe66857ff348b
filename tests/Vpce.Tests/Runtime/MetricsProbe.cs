using System.Diagnostics.Metrics;
using Vpce.Operator.Observability;

namespace Vpce.Tests.Runtime;

/// <summary>Listens to one <see cref="OperatorMetrics"/> instance: counters summed, histogram values kept, gauges read on demand.</summary>
internal sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MetricsProbe(OperatorMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's increments with the tag.</summary>
    public double Sum(string name, string tag, string value) => Values(name, tag, value).Sum();

    /// <summary>Every value recorded (a histogram's observations) with the tag.</summary>
    public IReadOnlyList<double> Values(string name, string tag, string value)
    {
        lock (_measurements)
            return _measurements.Where(m => m.Name == name && m.Tags.GetValueOrDefault(tag) == value).Select(m => m.Value).ToList();
    }

    /// <summary>Every value recorded with all of <paramref name="labels"/> (a counter's increments, 0 included).</summary>
    public IReadOnlyList<double> Values(string name, params (string Key, string Value)[] labels)
    {
        lock (_measurements)
            return _measurements.Where(m => m.Name == name && labels.All(l => m.Tags.GetValueOrDefault(l.Key) == l.Value)).Select(m => m.Value).ToList();
    }

    /// <summary>An observable gauge's value with the tag now; null when it reports no such series.</summary>
    public double? Gauge(string name, string tag, string value) => Gauge(name, (tag, value));

    /// <summary>An observable gauge's value with all of <paramref name="labels"/> now; null when it reports no such series.</summary>
    public double? Gauge(string name, params (string Key, string Value)[] labels)
    {
        lock (_measurements) _measurements.RemoveAll(m => m.Name == name);
        _listener.RecordObservableInstruments();
        var values = Values(name, labels);
        return values.Count == 0 ? null : values[^1];
    }

    public void Dispose() => _listener.Dispose();

    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>();
        foreach (var tag in tags) copied[tag.Key] = tag.Value?.ToString();
        lock (_measurements) _measurements.Add((name, value, copied));
    }
}
