using System.Text.Json.Nodes;

namespace Vpce.Tests.Deploy;

/// <summary>deploy/grafana/vpce-operator.json: every PromQL expression names only series the operator exports, it imports
/// with no edits (a datasource variable, no data-source UID of anyone's Grafana), it has the panels the issue asks for
/// (issue 25: an account variable, AWS panels split and filtered by account, an STS panel), and the chart's copy is the same file.</summary>
public sealed class GrafanaDashboardTests
{
    public const string DashboardPath = "deploy/grafana/vpce-operator.json";
    public const string ChartCopyPath = "deploy/helm/vpce-operator/dashboards/vpce-operator.json";
    private static readonly string Root = RepoRoot.Find();
    private static readonly JsonNode Dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, DashboardPath)))!;

    [Fact]
    public void Every_expression_names_only_exported_series()
    {
        var exported = ExportedMetricNames.Read();
        Assert.Contains("vpce_reconcile_duration_seconds_bucket", exported);
        Assert.Contains("vpce_refusals_total", exported);
        var expressions = Expressions().ToList();
        Assert.True(expressions.Count >= 20, $"only {expressions.Count} expressions found");
        var unknown = expressions.SelectMany(e => PromQlMetricNames.In(e).Where(n => !exported.Contains(n)).Select(n => $"{n} in {e}")).ToList();
        Assert.True(unknown.Count == 0, "not exported by the operator:\n" + string.Join("\n", unknown));
    }

    [Theory]
    [InlineData("sum by (kind) (rate(vpce_reconcile_total{job=~\"$job\", result=\"error\"}[$__rate_interval]))", "vpce_reconcile_total")]
    [InlineData("histogram_quantile(0.99, sum by (le, kind) (rate(vpce_reconcile_duration_seconds_bucket{a=\"b\"}[5m])))", "vpce_reconcile_duration_seconds_bucket")]
    [InlineData("max by (kind, namespace, name) (vpce_drift) == 1", "vpce_drift")]
    [InlineData("label_values(vpce_reconcile_total, job)", "vpce_reconcile_total")]
    [InlineData("a_total / on (kind) group_left b_total", "a_total b_total")]
    public void The_name_reader_finds_the_selected_series(string expression, string names) =>
        Assert.Equal(names.Split(' '), PromQlMetricNames.In(expression));

    [Fact]
    public void It_imports_with_no_edits()
    {
        var variables = Dashboard["templating"]!["list"]!.AsArray();
        Assert.Contains(variables, v => v!["name"]!.GetValue<string>() == "datasource" && v["type"]!.GetValue<string>() == "datasource"
            && v["query"]!.GetValue<string>() == "prometheus");
        var text = Dashboard.ToJsonString();
        // ${DS_PROMETHEUS}-style inputs make Grafana ask for a mapping on import.
        Assert.Null(Dashboard["__inputs"]);
        Assert.DoesNotContain("${DS_", text);
        var sources = Nodes(Dashboard).Where(n => n is JsonObject o && o.ContainsKey("datasource")).Select(n => n!["datasource"]!).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal("${datasource}", s is JsonObject ? s["uid"]!.GetValue<string>() : s.GetValue<string>()));
    }

    [Theory]
    [InlineData("vpce_resources", "drifted objects over time")]
    [InlineData("vpce_drift_detected_total", "drift by reason")]
    [InlineData("vpce_drift{", "the table of objects drifted now")]
    [InlineData("result=\"error\"", "reconcile errors")]
    [InlineData("histogram_quantile(0.99, sum by (le, kind) (rate(vpce_reconcile_duration_seconds_bucket", "reconcile latency")]
    [InlineData("vpce_workqueue_depth", "work-queue depth")]
    [InlineData("outcome=\"throttled\"", "throttles by operation")]
    [InlineData("outcome=\"error\"", "AWS errors by operation")]
    [InlineData("vpce_refusals_total{job=~\"$job\", kind=\"EndpointBucketPolicy\"}", "bucket policies refused by reason")]
    [InlineData("sum by (account, service, operation) (rate(vpce_aws_requests_total{job=~\"$job\", account=~\"$account\", outcome=\"throttled\"}", "throttles by account")]
    [InlineData("vpce_sts_assume_role_total", "STS AssumeRole by account and outcome")]
    [InlineData("vpce_account_credentials_expiry_timestamp_seconds", "the time left on each account's credentials")]
    public void It_has_the_panel_for(string expressionPart, string what) =>
        Assert.True(Expressions().Any(e => e.Contains(expressionPart, StringComparison.Ordinal)), $"no panel shows {what} ({expressionPart})");

    [Fact]
    public void The_account_variable_lists_the_accounts_the_aws_calls_were_made_as()
    {
        var account = Dashboard["templating"]!["list"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "account")!;
        Assert.Equal("query", account["type"]!.GetValue<string>());
        Assert.Equal("label_values(vpce_aws_requests_total{job=~\"$job\"}, account)", account["query"]!["query"]!.GetValue<string>());
        Assert.Equal("${datasource}", account["datasource"]!["uid"]!.GetValue<string>());
        Assert.True(account["includeAll"]!.GetValue<bool>() && account["multi"]!.GetValue<bool>());
        Assert.Equal(".*", account["allValue"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("vpce_aws_requests_total")]
    [InlineData("vpce_aws_request_duration_seconds_bucket")]
    [InlineData("vpce_sts_assume_role_total")]
    [InlineData("vpce_account_credentials_expiry_timestamp_seconds")]
    public void Every_panel_on_a_per_account_series_is_filtered_by_the_variable_and_split_by_account(string series)
    {
        var targets = Panels().SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => t!["expr"]!.GetValue<string>())
            .Where(e => PromQlMetricNames.In(e).Contains(series)).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, e =>
        {
            Assert.Contains("account=~\"$account\"", e);
            Assert.Matches(@"\bby \([^)]*\baccount\b[^)]*\)", e);
        });
    }

    [Fact]
    public void The_sts_panels_show_assume_role_by_account_and_outcome_and_the_time_left_on_each_accounts_credentials()
    {
        var assume = Panels().Single(p => p["title"]!.GetValue<string>() == "AssumeRole by account and outcome");
        Assert.Equal("sum by (account, outcome) (rate(vpce_sts_assume_role_total{job=~\"$job\", account=~\"$account\"}[$__rate_interval]))",
            assume["targets"]![0]!["expr"]!.GetValue<string>());
        var expiry = Panels().Single(p => p["title"]!.GetValue<string>() == "Credentials expire in");
        var target = expiry["targets"]![0]!;
        // Seconds left, not a timestamp: the gauge is Unix time.
        Assert.EndsWith("(vpce_account_credentials_expiry_timestamp_seconds{job=~\"$job\", account=~\"$account\"}) - time()", target["expr"]!.GetValue<string>());
        Assert.Equal("s", expiry["fieldConfig"]!["defaults"]!["unit"]!.GetValue<string>());
        // Red below the operator's refresh margin (five minutes before expiry): the refresh is failing.
        var steps = expiry["fieldConfig"]!["defaults"]!["thresholds"]!["steps"]!.AsArray();
        Assert.Equal("red", steps[0]!["color"]!.GetValue<string>());
        Assert.Equal(300, steps[1]!["value"]!.GetValue<int>());
        // Both in the STS row, and rows keep their panels below them.
        var row = Panels().Single(p => p["type"]!.GetValue<string>() == "row" && p["title"]!.GetValue<string>().StartsWith("STS", StringComparison.Ordinal));
        Assert.All(new[] { assume, expiry }, p => Assert.Equal(row["gridPos"]!["y"]!.GetValue<int>() + 1, p["gridPos"]!["y"]!.GetValue<int>()));
    }

    [Fact]
    public void Panels_do_not_overlap()
    {
        var boxes = Panels().Select(p => p["gridPos"]!).Select(g => (X: g["x"]!.GetValue<int>(), Y: g["y"]!.GetValue<int>(), W: g["w"]!.GetValue<int>(), H: g["h"]!.GetValue<int>())).ToList();
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"panels {i} and {j} overlap");
            }
    }

    [Fact]
    public void The_table_lists_the_objects_with_vpce_drift_equal_to_1()
    {
        var table = Panels().Single(p => p["type"]!.GetValue<string>() == "table");
        var target = table["targets"]![0]!;
        Assert.EndsWith("== 1", target["expr"]!.GetValue<string>());
        Assert.Equal("table", target["format"]!.GetValue<string>());
    }

    [Fact]
    public void Panel_ids_are_unique()
    {
        var ids = Panels().Select(p => p["id"]!.GetValue<int>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_chart_ships_the_same_dashboard()
    {
        var chartCopy = Path.Combine(Root, ChartCopyPath);
        Assert.True(File.Exists(chartCopy), $"{ChartCopyPath} is missing: cp {DashboardPath} {ChartCopyPath}");
        Assert.True(File.ReadAllText(chartCopy) == File.ReadAllText(Path.Combine(Root, DashboardPath)), $"{ChartCopyPath} differs: cp {DashboardPath} {ChartCopyPath}");
    }

    /// <summary>Every PromQL expression of the dashboard: the panels' targets and the variables' queries.</summary>
    internal static IEnumerable<string> Expressions() =>
        Panels().SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => t!["expr"]!.GetValue<string>())
            .Concat(Dashboard["templating"]!["list"]!.AsArray().Select(v => v!["query"]).OfType<JsonObject>().Select(q => q["query"]!.GetValue<string>()));

    private static IEnumerable<JsonNode> Panels() =>
        Dashboard["panels"]!.AsArray().SelectMany(p => new[] { p! }.Concat(p!["panels"]?.AsArray().Select(c => c!) ?? []));

    private static IEnumerable<JsonNode?> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => new[] { node }.Concat(a.SelectMany(Nodes)),
        _ => [node],
    };
}
