using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vpce.Operator.Kube;
using Vpce.Operator.Runtime;
using YamlDotNet.RepresentationModel;

namespace Vpce.Tests.Deploy;

/// <summary>The chart without a Helm engine: its schema accepts values.yaml and refuses typos and wrong types; every value a
/// template reads is declared; every flag of `run` is reachable; the grace outlasts the operator's drain; RBAC is the
/// least the adapters need. Rendering and applying are checked on the contract rig (README, "Deploy with Helm").</summary>
public sealed partial class HelmChartTests
{
    // Optional by design: declared in the schema, absent from values.yaml (setting it changes what the chart renders).
    private static readonly HashSet<string> OptionalValues = ["podDisruptionBudget.minAvailable"];

    [Fact]
    public void The_schema_accepts_values_yaml() =>
        Assert.Empty(HelmChart.SchemaErrors(HelmChart.Values));

    [Theory]
    [InlineData("replicaCout: 3", "a typo at the top")]
    [InlineData("metrics: {serviceMonitor: {intervall: 1m}}", "a typo deep down")]
    [InlineData("replicaCount: two", "a string for a number")]
    [InlineData("leaderElection: {enabled: \"yes\"}", "a string for a boolean")]
    [InlineData("installScope: cluster-wide", "a scope that does not exist")]
    [InlineData("watchNamespaces: platform", "a string for a list")]
    [InlineData("watchNamespaces: [Platform_Team]", "a namespace that is no DNS label")]
    [InlineData("resyncInterval: 2 minutes", "a duration the operator does not read")]
    [InlineData("terminationGracePeriodSeconds: 30", "a grace shorter than the operator's drain")]
    [InlineData("serviceAccount: {annotations: {eks.amazonaws.com/role-arn: 42}}", "a number as an annotation")]
    public void The_schema_refuses(string overrides, string what) =>
        Assert.True(HelmChart.SchemaErrors(HelmChart.With(overrides)).Count > 0, $"the schema accepted {what}: {overrides}");

    [Theory]
    [InlineData("installScope: namespace\nwatchNamespaces: [platform, data]")]
    [InlineData("metrics: {serviceMonitor: {enabled: true, labels: {release: prom}, namespaceSelector: {any: true}, relabelings: [{targetLabel: x, replacement: y}]}}")]
    [InlineData("grafanaDashboard: {enabled: true, annotations: {grafana_folder: Platform}}")]
    [InlineData("topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]")]
    [InlineData("serviceAccount: {annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::111122223333:role/vpce-operator\"}}")]
    [InlineData("podDisruptionBudget: {minAvailable: 1}\nresources: {limits: {cpu: 1, memory: 512Mi}}")]
    public void The_schema_accepts(string overrides) =>
        Assert.Empty(HelmChart.SchemaErrors(HelmChart.With(overrides)));

    [Fact]
    public void Every_value_a_template_reads_is_declared_in_values_yaml_and_the_schema()
    {
        var used = HelmChart.ValuesPathsUsed();
        Assert.Contains("metrics.serviceMonitor", used);
        var undeclared = used.Where(path => !OptionalValues.Contains(path) && Find(HelmChart.Values, path) is null && !IsNullValue(path))
            .Select(p => $"{p} (values.yaml)")
            .Concat(used.Where(path => SchemaOf(path) is null).Select(p => $"{p} (values.schema.json)")).ToList();
        Assert.True(undeclared.Count == 0, "read by a template but not declared: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_top_level_value_is_read_by_a_template()
    {
        var used = HelmChart.ValuesPathsUsed().Select(p => p.Split('.')[0]).ToHashSet();
        var unused = HelmChart.Values.AsObject().Select(v => v.Key).Where(k => !used.Contains(k)).ToList();
        Assert.True(unused.Count == 0, "declared in values.yaml but read by no template: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_flag_of_run_is_reachable_from_values()
    {
        var cli = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src/Operator/Cli.cs"));
        var runVerb = cli[cli.IndexOf("private static Command RunVerb(", StringComparison.Ordinal)..];
        var flags = OptionName().Matches(runVerb).Select(m => m.Groups["flag"].Value).Distinct().ToList();
        Assert.Contains("--leader-elect", flags);
        var deployment = HelmChart.Templates()["deployment.yaml"];
        // In a pod the operator reads the in-cluster config; extraEnv VPCE_KUBECONFIG reaches the flag should one be wanted.
        var missing = flags.Where(f => f != "--kubeconfig" && !deployment.Contains($"- {f}=", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "flags of run the chart never passes: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_grace_period_outlasts_the_operators_drain()
    {
        var grace = HelmChart.Values["terminationGracePeriodSeconds"]!.GetValue<long>();
        var cli = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src/Operator/Cli.cs"));
        var processTimeout = int.Parse(ProcessTerminationTimeout().Match(cli).Groups["seconds"].Value);
        // In-flight reconciles get ShutdownGracePeriod, then the Lease is released: the kubelet must not SIGKILL before.
        Assert.True(grace > new ControllerOptions().ShutdownGracePeriod.TotalSeconds + 5, $"grace {grace}s");
        Assert.True(grace > processTimeout, $"grace {grace}s is not longer than the process's own {processTimeout}s");
        Assert.True(SchemaOf("terminationGracePeriodSeconds")!["minimum"]!.GetValue<int>() > new ControllerOptions().ShutdownGracePeriod.TotalSeconds);
    }

    [Fact]
    public void The_lease_the_chart_binds_is_the_one_the_operator_takes()
    {
        var helpers = HelmChart.Templates()["_helpers.tpl"];
        Assert.Contains($"define \"vpce-operator.leaseName\" -}}}}{KubeLeaderElection.DefaultLeaseName}{{{{", helpers);
    }

    [Fact]
    public void The_rules_on_the_kinds_and_events_are_the_least_the_operator_needs()
    {
        var rules = Rules(Define(HelmChart.Templates()["_helpers.tpl"], "vpce-operator.rules"));
        Assert.Equal(
        [
            "vpce.io vpcendpoints,endpointbucketpolicies: get,list,watch,patch",
            "vpce.io vpcendpoints/status,endpointbucketpolicies/status: patch",
            " events: create,patch",
        ], rules);
    }

    [Fact]
    public void ConfigMaps_are_granted_exactly_the_calls_the_adapter_makes()
    {
        // The adapter's core/v1 calls, each mapped to its RBAC verb: a new call (a list, a watch) fails this until the chart grants it.
        var adapter = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src/Operator/Kube/KubeConfigMapClient.cs"));
        var verbs = ConfigMapCall().Matches(adapter).Select(m => m.Groups["call"].Value switch
        {
            "Read" => "get",
            "Create" => "create",
            "Patch" => "patch",
            "Delete" => "delete",
            var other => other.ToLowerInvariant(),
        }).Distinct().ToList();
        var granted = Rules(Define(HelmChart.Templates()["_helpers.tpl"], "vpce-operator.exportRules")).Single();
        Assert.Equal(granted, " configmaps: " + string.Join(",", verbs));
    }

    [Fact]
    public void Events_k8s_io_is_granted_only_if_the_recorder_uses_it()
    {
        var recorder = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src/Operator/Kube/KubeEventRecorder.cs"));
        var usesEventsV1 = recorder.Contains("EventsV1", StringComparison.Ordinal);
        var granted = HelmChart.Templates().Values.Any(t => t.Contains("events.k8s.io", StringComparison.Ordinal));
        Assert.Equal(usesEventsV1, granted);
    }

    [Fact]
    public void Leases_are_read_and_written_only_by_name()
    {
        var rbac = HelmChart.Templates()["rbac.yaml"];
        var leaseRules = LeaseRule().Matches(rbac).Select(m => m.Value).ToList();
        Assert.Equal(2, leaseRules.Count);
        Assert.Contains(leaseRules, r => r.Contains("resourceNames: [{{ include \"vpce-operator.leaseName\" . }}]") && r.Contains("verbs: [get, update]"));
        Assert.Contains(leaseRules, r => !r.Contains("resourceNames") && r.Contains("verbs: [create]"));
    }

    [Fact]
    public void Leases_are_granted_exactly_the_calls_the_election_makes()
    {
        // KubeLeaderElection's coordination/v1 calls, each mapped to its RBAC verb: no patch (issue 26) until it patches.
        var election = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src/Operator/Kube/KubeLeaderElection.cs"));
        var verbs = LeaseCall().Matches(election).Select(m => m.Groups["call"].Value switch
        {
            "Read" => "get",
            "Replace" => "update",
            var other => other.ToLowerInvariant(),
        }).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["create", "get", "update"], verbs);
        var rbac = HelmChart.Templates()["rbac.yaml"];
        var granted = LeaseRule().Matches(rbac).SelectMany(m => LeaseVerbs().Match(m.Value).Groups["verbs"].Value.Split(", ")).Order(StringComparer.Ordinal);
        Assert.Equal(verbs, granted);
    }

    /// <summary>The rules a define of _helpers.tpl lists, each as "groups resources: verbs".</summary>
    internal static List<string> RulesOf(string define) => Rules(Define(HelmChart.Templates()["_helpers.tpl"], define));

    private static string Define(string template, string name)
    {
        var start = template.IndexOf($"{{{{- define \"{name}\" -}}}}", StringComparison.Ordinal);
        var body = template[(template.IndexOf('\n', start) + 1)..];
        return body[..body.IndexOf("{{- end", StringComparison.Ordinal)];
    }

    private static List<string> Rules(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Select(rule =>
            $"{string.Join(",", List(rule, "apiGroups"))} {string.Join(",", List(rule, "resources"))}: {string.Join(",", List(rule, "verbs"))}").ToList();
    }

    private static IEnumerable<string> List(YamlMappingNode rule, string key) =>
        ((YamlSequenceNode)rule[key]).Children.Select(c => ((YamlScalarNode)c).Value ?? "");

    private static JsonNode? Find(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject map || !map.ContainsKey(part)) return null;
            node = map[part] ?? JsonValue.Create("");
        }
        return node;
    }

    // A key present with an empty (null) value is declared too.
    private static bool IsNullValue(string path)
    {
        var parts = path.Split('.');
        return Find(HelmChart.Values, string.Join('.', parts[..^1])) is JsonObject parent && parent.ContainsKey(parts[^1]);
    }

    private static JsonNode? SchemaOf(string path)
    {
        JsonNode? schema = HelmChart.SchemaJson;
        foreach (var part in path.Split('.'))
        {
            schema = schema?["properties"]?[part];
            if (schema is null) return null;
        }
        return schema;
    }

    [GeneratedRegex(@"""(?<flag>--[a-z][a-z-]+)""")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"ProcessTerminationTimeout = TimeSpan\.FromSeconds\((?<seconds>\d+)\)")]
    private static partial Regex ProcessTerminationTimeout();

    [GeneratedRegex(@"CoreV1\.(?<call>[A-Z][a-z]+)(?:Namespaced)?ConfigMap")]
    private static partial Regex ConfigMapCall();

    [GeneratedRegex(@"- apiGroups: \[coordination\.k8s\.io\]\n(?:  .*\n)+")]
    private static partial Regex LeaseRule();

    [GeneratedRegex(@"CoordinationV1\.(?<call>[A-Z][a-z]+)(?:Namespaced)?Lease")]
    private static partial Regex LeaseCall();

    [GeneratedRegex(@"verbs: \[(?<verbs>[a-z, ]+)\]")]
    private static partial Regex LeaseVerbs();
}
