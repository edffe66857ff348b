using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Vpce.Operator.Hosting;

/// <summary>How each of the operator's instruments is aggregated: the histograms' buckets, and how many series each may
/// keep. The exporter preallocates every stream's points up to its limit (2,000 by default, about 140 KB each), so the
/// limit follows the labels: vpce_drift has one series per drifted object; every other instrument's labels come from
/// fixed vocabularies (kinds, results, reasons, services, operations, outcomes, queue names), well under
/// <see cref="SeriesLimit"/>.</summary>
public static class MetricViews
{
    /// <summary>The most series of any instrument but vpce_drift: about twice what every label combination allows.</summary>
    public const int SeriesLimit = 500;

    /// <summary>The most vpce_drift series kept: twice the 10,000 objects the bench runs.</summary>
    public const int DriftSeriesLimit = 20_000;

    private static readonly double[] ReconcileBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] AwsRequestBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // client-go's work-queue buckets: 10 ns to 1000 s, by powers of ten (a phase that makes no AWS call takes microseconds).
    private static readonly double[] WorkQueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

    /// <summary>The one view of <paramref name="instrument"/> (a view function, so no instrument gets two streams).</summary>
    public static MetricStreamConfiguration For(Instrument instrument) => instrument.Name switch
    {
        "vpce_reconcile_duration_seconds" => Buckets(ReconcileBuckets),
        "vpce_aws_request_duration_seconds" => Buckets(AwsRequestBuckets),
        "vpce_workqueue_queue_duration_seconds" or "vpce_workqueue_work_duration_seconds" or "vpce_reconcile_phase_duration_seconds" => Buckets(WorkQueueBuckets),
        "vpce_drift" => new MetricStreamConfiguration { CardinalityLimit = DriftSeriesLimit },
        _ => new MetricStreamConfiguration { CardinalityLimit = SeriesLimit },
    };

    private static ExplicitBucketHistogramConfiguration Buckets(double[] boundaries) =>
        new() { Boundaries = boundaries, CardinalityLimit = SeriesLimit };
}
