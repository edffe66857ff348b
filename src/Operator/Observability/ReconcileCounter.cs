using System.Diagnostics.Metrics;

namespace Vpce.Operator.Observability;

/// <summary>Counts one operator's vpce_reconcile_total increments while it lives (for tests and the benchmark).</summary>
public sealed class ReconcileCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _count;

    public ReconcileCounter(OperatorMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == "vpce_reconcile_total")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, (int)value));
        _listener.Start();
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
