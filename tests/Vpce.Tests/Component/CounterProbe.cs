using System.Diagnostics.Metrics;

namespace Vpce.Tests.Component;

/// <summary>Sums one counter of one meter, by label set, from the moment it is made.</summary>
public sealed class CounterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, Dictionary<string, string?> Labels)> _seen = [];

    public CounterProbe(Meter meter, string name)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == name) l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_seen) _seen.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        });
        _listener.Start();
    }

    public long Sum(params (string Key, string Value)[] labels)
    {
        lock (_seen) return _seen.Where(m => labels.All(l => m.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(m => m.Value);
    }

    public void Dispose() => _listener.Dispose();
}
