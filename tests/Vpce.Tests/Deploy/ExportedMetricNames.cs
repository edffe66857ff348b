using System.Diagnostics.Metrics;
using Vpce.Operator.Observability;

namespace Vpce.Tests.Deploy;

/// <summary>The Prometheus series names the operator exports, read from a live <see cref="OperatorMetrics"/>'s instruments:
/// a counter as named (with _total), a histogram as _bucket, _sum and _count, a gauge as named.</summary>
public static class ExportedMetricNames
{
    public static IReadOnlySet<string> Read()
    {
        using var metrics = new OperatorMetrics();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (!ReferenceEquals(instrument.Meter, metrics.Meter)) return;
            var kind = instrument.GetType().GetGenericTypeDefinition();
            if (kind == typeof(Histogram<>))
            {
                names.UnionWith([instrument.Name + "_bucket", instrument.Name + "_sum", instrument.Name + "_count"]);
            }
            else if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>))
            {
                names.Add(instrument.Name.EndsWith("_total", StringComparison.Ordinal) ? instrument.Name : instrument.Name + "_total");
            }
            else
            {
                names.Add(instrument.Name);
            }
        };
        listener.Start();
        return names;
    }
}
