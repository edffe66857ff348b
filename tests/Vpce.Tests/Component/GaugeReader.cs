using System.Diagnostics.Metrics;

namespace Vpce.Tests.Component;

/// <summary>Reads an observable gauge of one meter as a scrape would: every measurement with its labels.</summary>
public static class GaugeReader
{
    public static IReadOnlyList<(long Value, IReadOnlyDictionary<string, string?> Labels)> Read(Meter meter, string name)
    {
        var measurements = new List<(long, IReadOnlyDictionary<string, string?>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    /// <summary>The value of the series whose labels include all of <paramref name="labels"/>; null when there is none.</summary>
    public static long? Value(Meter meter, string name, params (string Key, string Value)[] labels) =>
        Read(meter, name).Where(m => labels.All(l => m.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(m => (long?)m.Value).FirstOrDefault();
}
