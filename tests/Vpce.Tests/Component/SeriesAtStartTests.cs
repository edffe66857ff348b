using System.Reflection;
using System.Text.RegularExpressions;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Tests.Deploy;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Component;

/// <summary>Issue 23: every series the dashboard queries whose labels come from a fixed vocabulary exists from the start at 0
/// for each of its known labels (as client-go's work-queue series do), so a panel reads 0, not "No data", until the first
/// retry or refusal. The known labels are spelled out here from the reason classes and the adapters' calls, not read from
/// the operator's own list, so a reason or an operation it leaves out fails the test.</summary>
public sealed partial class SeriesAtStartTests
{
    private static readonly string[] Kinds = [VpcEndpoint.KindName, EndpointBucketPolicy.KindName];
    private static readonly string[] BucketPolicyDriftReasons = [DriftReasons.StatementChanged, DriftReasons.StatementRemoved];

    /// <summary>The series that start at 0, each with every label set it starts with.</summary>
    private static readonly IReadOnlyDictionary<string, StartingSeries> StartsAtZero = new[]
    {
        Counter("vpce_reconcile_total", Kinds.SelectMany(kind => new[] { "success", "error", "requeue" }.Select(result => Labels(("kind", kind), ("result", result))))),
        Gauge("vpce_resources", Kinds.SelectMany(kind => new[] { "ready", "not_ready", "drifted" }.Select(state => Labels(("kind", kind), ("state", state))))),
        Counter("vpce_drift_detected_total",
            Constants(typeof(DriftReasons)).Except(BucketPolicyDriftReasons).Select(reason => Labels(("kind", VpcEndpoint.KindName), ("reason", reason)))
                .Concat(BucketPolicyDriftReasons.Select(reason => Labels(("kind", EndpointBucketPolicy.KindName), ("reason", reason))))),
        Counter("vpce_drift_corrected_total", Kinds.Select(kind => Labels(("kind", kind)))),
        Counter("vpce_refusals_total",
            new[] { "InvalidSpec", "ImmutableFieldChanged", "AdoptionConflict", "NotFound", "ServiceNotAvailable" }
                .Select(reason => Labels(("kind", VpcEndpoint.KindName), ("reason", reason)))
                .Concat(new[] { "InvalidSpec", "BucketNotFound" }.Concat(Constants(typeof(BucketPolicyReasons)))
                    .Select(reason => Labels(("kind", EndpointBucketPolicy.KindName), ("reason", reason))))),
        Gauge("vpce_undecodable_objects", Kinds.Select(kind => Labels(("kind", kind)))),
        Gauge("vpce_workqueue_depth", Kinds.Select(kind => Labels(("name", kind)))),
        Counter("vpce_workqueue_adds_total", Kinds.Select(kind => Labels(("name", kind)))),
        Counter("vpce_workqueue_retries_total", Kinds.Select(kind => Labels(("name", kind)))),
        // Every call the SDK adapters make (service:Operation, the IAM action) by every outcome.
        Counter("vpce_aws_requests_total", AdapterAwsCalls.All(RepoRoot.Find()).Select(call => call.Split(':'))
            .SelectMany(call => new[] { "success", "throttled", "error" }.Select(outcome =>
                Labels(("service", call[0]), ("operation", call[1]), ("outcome", outcome))))),
    }.ToDictionary(s => s.Name);

    /// <summary>A series per object, only while it has something to say (vpce_drift: one per drifted object); never pre-made.</summary>
    // vpce_drift per object; the STS and credential-expiry series per AwsAccount, made once one is in use.
    private static readonly string[] PerObject = ["vpce_drift", "vpce_sts_assume_role_total", "vpce_account_credentials_expiry_timestamp_seconds"];

    [Fact]
    public void Every_series_the_dashboard_queries_starts_at_zero_or_is_per_object_or_a_histogram()
    {
        var exported = ExportedMetricNames.Read();
        var queried = GrafanaDashboardTests.Expressions().SelectMany(PromQlMetricNames.In).Distinct().ToList();

        // A histogram has no series until its first observation (one recorded at start would count), and a quantile of no
        // observations is no number whether or not its buckets exist: its latency panel says "No data" until then either way.
        var unaccounted = queried.Where(name => !StartsAtZero.ContainsKey(name) && !PerObject.Contains(name)
            && !(name.EndsWith("_bucket", StringComparison.Ordinal) && exported.Contains(name))).ToList();
        Assert.True(unaccounted.Count == 0, "queried by the dashboard, neither started at 0 nor per object: " + string.Join(", ", unaccounted));
        Assert.Contains("vpce_workqueue_retries_total", queried);
        Assert.Contains("vpce_refusals_total", queried);
    }

    [Fact]
    public void Each_label_value_the_dashboard_selects_is_one_its_series_starts_with()
    {
        var selected = GrafanaDashboardTests.Expressions().SelectMany(e => Selector().Matches(e))
            .Where(m => StartsAtZero.ContainsKey(m.Groups["name"].Value))
            .SelectMany(m => Matcher().Matches(m.Groups["matchers"].Value).Select(l => (Series: m.Groups["name"].Value, Key: l.Groups["key"].Value, Value: l.Groups["value"].Value)))
            .Where(l => l.Key != "job")
            .ToList();

        Assert.NotEmpty(selected);
        Assert.All(selected, l => Assert.True(StartsAtZero[l.Series].LabelSets.Any(set => set.Contains((l.Key, l.Value))),
            $"{l.Series}{{{l.Key}=\"{l.Value}\"}} is selected by the dashboard but not started at 0"));
    }

    [Fact]
    public async Task Right_after_the_operator_starts_with_no_objects_every_series_reads_0_for_each_known_label()
    {
        await using var bed = Testbed.Start(running: false);
        using var probe = new MetricsProbe(bed.Operator.Metrics);

        bed.Operator.Start();
        await bed.Operator.WaitForIdleAsync();

        var missing = new List<string>();
        foreach (var series in StartsAtZero.Values)
        {
            foreach (var labels in series.LabelSets)
            {
                var value = series.IsGauge ? probe.Gauge(series.Name, labels) : probe.Values(series.Name, labels) switch
                {
                    { Count: 0 } => null,
                    var added => added.Sum(),
                };
                if (value != 0) missing.Add($"{series.Name}{{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} = {value?.ToString() ?? "no series"}");
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} series not at 0 at the start:\n" + string.Join("\n", missing));
        // Per object only: no object, no series.
        Assert.Null(probe.Gauge("vpce_drift", ("kind", VpcEndpoint.KindName)));
    }

    private static StartingSeries Counter(string name, IEnumerable<(string Key, string Value)[]> labelSets) => new(name, false, labelSets.ToList());

    private static StartingSeries Gauge(string name, IEnumerable<(string Key, string Value)[]> labelSets) => new(name, true, labelSets.ToList());

    private static (string Key, string Value)[] Labels(params (string Key, string Value)[] labels) => labels;

    /// <summary>The string constants of a reason class.</summary>
    private static IEnumerable<string> Constants(Type reasons) =>
        reasons.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [GeneratedRegex(@"(?<name>vpce_\w+)\{(?<matchers>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex("(?<key>\\w+)\\s*=\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex Matcher();

    private sealed record StartingSeries(string Name, bool IsGauge, IReadOnlyList<(string Key, string Value)[]> LabelSets);
}
