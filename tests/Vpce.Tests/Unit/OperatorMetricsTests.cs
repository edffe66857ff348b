using System.Reflection;
using System.Text.RegularExpressions;
using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Tests.Deploy;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit;

public sealed partial class OperatorMetricsTests
{
    [Fact]
    public void A_refusal_counts_by_kind_and_reason()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);

        metrics.RecordRefusal("EndpointBucketPolicy", "RegionMismatch");
        metrics.RecordRefusal("EndpointBucketPolicy", "RegionMismatch");
        metrics.RecordRefusal("EndpointBucketPolicy", "WouldLockOutOperator");
        metrics.RecordRefusal("VpcEndpoint", "AdoptionConflict");

        Assert.Equal(2, probe.Sum("vpce_refusals_total", "reason", "RegionMismatch"));
        Assert.Equal(1, probe.Sum("vpce_refusals_total", "reason", "WouldLockOutOperator"));
        Assert.Equal(3, probe.Sum("vpce_refusals_total", "kind", "EndpointBucketPolicy"));
        Assert.Equal(1, probe.Sum("vpce_refusals_total", "kind", "VpcEndpoint"));
    }

    [Fact]
    public void Starting_at_zero_adds_nothing_to_a_count()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);

        metrics.RecordRefusal(EndpointBucketPolicy.KindName, "RegionMismatch");
        metrics.StartAtZero();

        Assert.Equal(1, probe.Sum("vpce_refusals_total", "reason", "RegionMismatch"));
        Assert.Equal(2, probe.Values("vpce_refusals_total", ("kind", EndpointBucketPolicy.KindName), ("reason", "RegionMismatch")).Count);
        Assert.Equal(0, probe.Sum("vpce_workqueue_retries_total", "name", VpcEndpoint.KindName));
        Assert.Single(probe.Values("vpce_workqueue_retries_total", "name", VpcEndpoint.KindName));
    }

    [Fact]
    public void A_known_queue_reads_0_without_a_queue_and_another_name_only_while_its_queue_is_tracked()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);
        Func<int> three = () => 3;

        Assert.Equal(0, probe.Gauge("vpce_workqueue_depth", "name", VpcEndpoint.KindName));
        metrics.TrackWorkQueue(VpcEndpoint.KindName, three);
        metrics.TrackWorkQueue("Other", three);
        Assert.Equal(3, probe.Gauge("vpce_workqueue_depth", "name", VpcEndpoint.KindName));
        Assert.Equal(3, probe.Gauge("vpce_workqueue_depth", "name", "Other"));

        metrics.UntrackWorkQueue(VpcEndpoint.KindName, three);
        metrics.UntrackWorkQueue("Other", three);
        Assert.Equal(0, probe.Gauge("vpce_workqueue_depth", "name", VpcEndpoint.KindName));
        Assert.Null(probe.Gauge("vpce_workqueue_depth", "name", "Other"));
    }

    [Fact]
    public void The_resources_of_each_kind_read_0_until_its_objects_report()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);

        Assert.Equal(0, probe.Gauge("vpce_resources", ("kind", EndpointBucketPolicy.KindName), ("state", "not_ready")));
        metrics.SetObjectHealth(VpcEndpoint.KindName, "ns", "a", ready: true, drifted: true);
        metrics.SetObjectHealth(VpcEndpoint.KindName, "ns", "b", ready: false, drifted: false);

        Assert.Equal(1, probe.Gauge("vpce_resources", ("kind", VpcEndpoint.KindName), ("state", "ready")));
        Assert.Equal(1, probe.Gauge("vpce_resources", ("kind", VpcEndpoint.KindName), ("state", "not_ready")));
        Assert.Equal(1, probe.Gauge("vpce_resources", ("kind", VpcEndpoint.KindName), ("state", "drifted")));
        Assert.Equal(0, probe.Gauge("vpce_resources", ("kind", EndpointBucketPolicy.KindName), ("state", "ready")));
    }

    [Fact]
    public void The_known_drift_reasons_are_every_reason_the_diffs_report_each_under_one_kind()
    {
        var all = typeof(DriftReasons).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);
        var known = KnownLabels.DriftReasonsByKind.Values.SelectMany(r => r).ToList();

        Assert.Equal(all, known.Order(StringComparer.Ordinal));
        Assert.Equal(known.Count, known.Distinct().Count());
    }

    [Fact]
    public void The_known_aws_operations_are_the_calls_the_adapters_make_and_the_names_the_resilience_layer_reports()
    {
        var root = RepoRoot.Find();
        var known = KnownLabels.AwsOperations.Select(o => $"{o.Service}:{o.Operation}").ToList();
        Assert.Equal(AdapterAwsCalls.All(root).Order(StringComparer.Ordinal), known.Order(StringComparer.Ordinal));

        // The operation label is written in the Resilient*Api files: each name there must be a known one, and each known one there.
        var reported = Directory.GetFiles(Path.Combine(root, "src/Operator/Aws/Resilience"), "Resilient*Api.cs")
            .SelectMany(f => OperationName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(KnownLabels.AwsOperations.Select(o => o.Operation).Order(StringComparer.Ordinal), reported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void What_starts_at_zero_stays_well_inside_every_series_limit()
    {
        var perInstrument = new Dictionary<string, int>
        {
            ["vpce_reconcile_total"] = KnownLabels.Kinds.Count * KnownLabels.ReconcileResults.Count,
            ["vpce_drift_detected_total"] = KnownLabels.DriftReasonsByKind.Values.Sum(r => r.Count),
            ["vpce_refusals_total"] = KnownLabels.RefusalReasonsByKind.Values.Sum(r => r.Count),
            ["vpce_aws_requests_total"] = KnownLabels.AwsOperations.Count * KnownLabels.AwsRequestOutcomes.Count,
            ["vpce_resources"] = KnownLabels.Kinds.Count * KnownLabels.ResourceStateValues.Count,
        };
        // Room for the same again of labels met only at run time (a reason or a kind not in the lists).
        Assert.All(perInstrument, i => Assert.True(2 * i.Value <= MetricViews.SeriesLimit, $"{i.Key}: {i.Value} series at start"));
    }

    // "DescribeVpcs" and the like: a quoted name in PascalCase (the service names are lower case).
    [GeneratedRegex("\"([A-Z][A-Za-z]+)\"")]
    private static partial Regex OperationName();
}
