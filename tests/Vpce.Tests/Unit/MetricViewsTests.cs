using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Vpce.Operator.Hosting;
using Vpce.Operator.Observability;

namespace Vpce.Tests.Unit;

public sealed class MetricViewsTests
{
    [Fact]
    public void Every_instrument_has_a_series_limit_of_its_own_and_the_histograms_keep_their_buckets()
    {
        using var metrics = new OperatorMetrics();
        var views = Instruments(metrics).ToDictionary(i => i.Name, MetricViews.For);

        Assert.Equal(18, views.Count);
        Assert.Equal(MetricViews.DriftSeriesLimit, views["vpce_drift"].CardinalityLimit);
        Assert.All(views.Where(v => v.Key != "vpce_drift"), v => Assert.Equal(MetricViews.SeriesLimit, v.Value.CardinalityLimit));
        var buckets = views.Where(v => v.Value is ExplicitBucketHistogramConfiguration)
            .ToDictionary(v => v.Key, v => ((ExplicitBucketHistogramConfiguration)v.Value).Boundaries!);
        Assert.Equal(
            ["vpce_aws_request_duration_seconds", "vpce_reconcile_duration_seconds", "vpce_reconcile_phase_duration_seconds",
                "vpce_workqueue_queue_duration_seconds", "vpce_workqueue_work_duration_seconds"],
            buckets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], buckets["vpce_reconcile_duration_seconds"]);
        Assert.Equal(1e-8, buckets["vpce_workqueue_queue_duration_seconds"][0]);
        Assert.Equal(1000, buckets["vpce_workqueue_work_duration_seconds"][^1]);
        Assert.Equal(buckets["vpce_workqueue_work_duration_seconds"], buckets["vpce_reconcile_phase_duration_seconds"]);
    }

    private static List<Instrument> Instruments(OperatorMetrics metrics)
    {
        var found = new List<Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) found.Add(instrument);
        };
        listener.Start();
        return found;
    }
}
