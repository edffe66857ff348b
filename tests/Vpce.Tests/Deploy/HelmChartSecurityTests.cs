using System.Text.Json.Nodes;

namespace Vpce.Tests.Deploy;

/// <summary>Least privilege in the chart (issue 26), rendered by the Helm engine: ConfigMaps only in export.namespaces (a Role
/// there, --export-namespace for each, none anywhere else); the ValidatingAdmissionPolicy on the ServiceAccount's ConfigMap
/// writes (render only: the contract rig's API server, 1.21, has no admissionregistration.k8s.io/v1 policies); no Lease
/// patch; no binding to "default"; the NetworkPolicy; image.digest, the /tmp sizeLimit, --metrics-bind-address.</summary>
public sealed class HelmChartSecurityTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("export: {namespaces: [platform, data]}")]
    [InlineData("admissionPolicy: {enabled: true}")]
    [InlineData("networkPolicy: {enabled: true, metricsNamespace: observability, metricsPodLabels: {app.kubernetes.io/name: prometheus}, probeCidrs: [10.0.0.0/16, \"fd00::/8\"]}")]
    [InlineData("image: {digest: \"" + Digest + "\"}")]
    [InlineData("tmpSizeLimit: 128Mi")]
    [InlineData("tmpSizeLimit: \"\"")]
    [InlineData("metrics: {bindAddress: 127.0.0.1}")]
    [InlineData("metrics: {bindAddress: \"::\"}")]
    public void The_schema_accepts(string overrides) =>
        Assert.Empty(HelmChart.SchemaErrors(HelmChart.With(overrides)));

    [Theory]
    [InlineData("export: {namespaces: platform}", "a string for the list")]
    [InlineData("export: {namespaces: [Platform_Team]}", "a namespace that is no DNS label")]
    [InlineData("export: {namespace: [platform]}", "a typo")]
    [InlineData("admissionPolicy: {enabled: \"yes\"}", "a string for a boolean")]
    [InlineData("networkPolicy: {probeCidrs: [10.0.0.0]}", "an address without its prefix length")]
    [InlineData("networkPolicy: {metricsNamespaces: [monitoring]}", "a typo")]
    [InlineData("image: {digest: \"latest\"}", "a tag as the digest")]
    [InlineData("tmpSizeLimit: lots", "no quantity")]
    [InlineData("metrics: {bindAddress: localhost}", "a host name, not an address")]
    public void The_schema_refuses(string overrides, string what) =>
        Assert.True(HelmChart.SchemaErrors(HelmChart.With(overrides)).Count > 0, $"the schema accepted {what}: {overrides}");

    [Fact]
    public void The_defaults_export_nowhere_and_render_neither_policy()
    {
        Assert.Empty(HelmChart.Values["export"]!["namespaces"]!.AsArray());
        Assert.False(HelmChart.Values["admissionPolicy"]!["enabled"]!.GetValue<bool>());
        Assert.False(HelmChart.Values["networkPolicy"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("0.0.0.0", HelmChart.Values["metrics"]!["bindAddress"]!.GetValue<string>());
    }

    [HelmRenderTheory]
    [InlineData("installScope: cluster")]
    [InlineData("installScope: namespace")]
    [InlineData("installScope: cluster\nwatchNamespaces: [platform, data]")]
    [InlineData("grafanaDashboard: {enabled: true}")]
    public void Without_export_namespaces_no_role_grants_configmaps_and_the_operator_exports_nowhere(string scope)
    {
        var objects = HelmRender.Objects(scope);
        Assert.Empty(ConfigMapGrants(objects));
        var args = Args(objects);
        // The empty value alone: none (no flag at all would mean every namespace).
        Assert.Equal(["--export-namespace="], args.Where(a => a.StartsWith("--export-namespace", StringComparison.Ordinal)));
    }

    [HelmRenderTheory]
    [InlineData("installScope: cluster")]
    [InlineData("installScope: cluster\nwatchNamespaces: [platform, data, web]")]
    [InlineData("installScope: namespace\nwatchNamespaces: [platform, data]")]
    public void Export_namespaces_get_a_role_on_configmaps_there_and_nowhere_else(string scope)
    {
        var objects = HelmRender.Objects(scope + "\nexport: {namespaces: [platform, data, platform]}");
        Assert.Equal(["data", "platform"], ConfigMapGrants(objects).Order(StringComparer.Ordinal));
        foreach (var ns in new[] { "platform", "data" })
        {
            var role = objects.OfKind("Role").Single(r => r.Name() == "vpce-operator-export" && Namespace(r) == ns);
            Assert.Equal([" configmaps: get,create,patch,delete"], role["rules"]!.AsArray().Select(r => Rule(r!)));
            var binding = objects.OfKind("RoleBinding").Single(b => b.Name() == "vpce-operator-export" && Namespace(b) == ns);
            Assert.Equal(("Role", "vpce-operator-export"), (binding["roleRef"]!["kind"]!.GetValue<string>(), binding["roleRef"]!["name"]!.GetValue<string>()));
            var subject = Assert.Single(binding["subjects"]!.AsArray())!;
            Assert.Equal(("vpce-operator", HelmRender.Namespace), (subject["name"]!.GetValue<string>(), subject["namespace"]!.GetValue<string>()));
        }
        Assert.Equal(["--export-namespace=platform", "--export-namespace=data"], Args(objects).Where(a => a.StartsWith("--export-namespace", StringComparison.Ordinal)));
    }

    [HelmRenderFact]
    public void An_export_namespace_that_is_not_watched_fails_the_render()
    {
        var failure = Assert.ThrowsAny<Exception>(() => HelmRender.Objects("installScope: namespace\nwatchNamespaces: [platform]\nexport: {namespaces: [data]}"));
        Assert.Contains("export.namespaces: data is not watched", failure.Message);
    }

    [HelmRenderFact]
    public void The_admission_policy_lets_the_service_account_write_only_configmaps_a_vpce_object_controls()
    {
        Assert.DoesNotContain(HelmRender.Objects(""), o => o["apiVersion"]!.GetValue<string>().StartsWith("admissionregistration", StringComparison.Ordinal));
        var objects = HelmRender.Objects("admissionPolicy: {enabled: true}\nserviceAccount: {name: vpce}");
        var policy = objects.OfKind("ValidatingAdmissionPolicy").Single();
        Assert.Equal("admissionregistration.k8s.io/v1", policy["apiVersion"]!.GetValue<string>());
        Assert.Null(policy["metadata"]!["namespace"]);
        var spec = policy["spec"]!;
        Assert.Equal("Fail", spec["failurePolicy"]!.GetValue<string>());
        var rule = Assert.Single(spec["matchConstraints"]!["resourceRules"]!.AsArray())!;
        Assert.Equal(("", "configmaps"), (rule["apiGroups"]![0]!.GetValue<string>(), rule["resources"]![0]!.GetValue<string>()));
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], rule["operations"]!.AsArray().Select(o => o!.GetValue<string>()));
        // Only the operator's own requests: its ServiceAccount as the API server names it.
        var match = Assert.Single(spec["matchConditions"]!.AsArray())!;
        Assert.Equal($"request.userInfo.username == 'system:serviceaccount:{HelmRender.Namespace}:vpce'", match["expression"]!.GetValue<string>());
        // Owned by a vpce.io controller before (update, delete) and after (create, update) the write.
        var variables = spec["variables"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["expression"]!.GetValue<string>());
        Assert.Equal(["ownedAfter", "ownedBefore"], variables.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, side) in new[] { ("ownedAfter", "object"), ("ownedBefore", "oldObject") })
        {
            var expression = variables[name];
            Assert.StartsWith($"{side} == null || (has({side}.metadata.ownerReferences) && {side}.metadata.ownerReferences.exists(r,", expression);
            Assert.Contains("r.apiVersion.startsWith('vpce.io/')", expression);
            Assert.Contains("has(r.controller) && r.controller", expression);
        }
        var validation = Assert.Single(spec["validations"]!.AsArray())!;
        Assert.Equal("variables.ownedBefore && variables.ownedAfter", validation["expression"]!.GetValue<string>());
        Assert.Equal("Forbidden", validation["reason"]!.GetValue<string>());

        var binding = objects.OfKind("ValidatingAdmissionPolicyBinding").Single();
        Assert.Equal(policy.Name(), binding["spec"]!["policyName"]!.GetValue<string>());
        Assert.Equal(["Deny"], binding["spec"]!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        // Every namespace: no matchResources narrowing it.
        Assert.Null(binding["spec"]!["matchResources"]);
    }

    [HelmRenderFact]
    public void Without_creating_a_service_account_the_chart_needs_its_name_and_never_binds_default()
    {
        var failure = Assert.ThrowsAny<Exception>(() => HelmRender.Objects("serviceAccount: {create: false}"));
        Assert.Contains("serviceAccount.name is required with serviceAccount.create=false", failure.Message);

        var objects = HelmRender.Objects("serviceAccount: {create: false, name: platform-operator}\nexport: {namespaces: [platform]}");
        Assert.Empty(objects.OfKind("ServiceAccount"));
        Assert.Equal("platform-operator", objects.OfKind("Deployment").Single()["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
        var subjects = objects.Where(o => o["kind"]!.GetValue<string>().EndsWith("Binding", StringComparison.Ordinal))
            .SelectMany(b => b["subjects"]!.AsArray()).Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, s => Assert.Equal("platform-operator", s));
    }

    [HelmRenderFact]
    public void The_lease_role_has_no_patch()
    {
        var role = HelmRender.Objects("").OfKind("Role").Single(r => r.Name() == "vpce-operator-leader-election");
        Assert.Equal(["coordination.k8s.io leases: get,update", "coordination.k8s.io leases: create"], role["rules"]!.AsArray().Select(r => Rule(r!)));
        Assert.DoesNotContain(HelmRender.Objects("").Where(o => o["kind"]!.GetValue<string>() is "Role" or "ClusterRole")
            .SelectMany(r => r["rules"]!.AsArray()), r => Rule(r!).Contains("leases") && Rule(r!).Contains("patch"));
    }

    [HelmRenderFact]
    public void The_network_policy_admits_metrics_from_the_monitoring_namespace_and_the_probes()
    {
        Assert.Empty(HelmRender.Objects("").OfKind("NetworkPolicy"));
        var open = HelmRender.Objects("networkPolicy: {enabled: true}").OfKind("NetworkPolicy").Single()["spec"]!;
        Assert.Equal(["Ingress"], open["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(open["egress"]);
        Assert.Equal("vpce-operator", open["podSelector"]!["matchLabels"]!["app.kubernetes.io/instance"]!.GetValue<string>());
        var rules = open["ingress"]!.AsArray();
        Assert.Equal(2, rules.Count);
        var metrics = rules.Single(r => Port(r!) == 8080)!;
        var from = Assert.Single(metrics["from"]!.AsArray())!;
        Assert.Equal("monitoring", from["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Null(from["podSelector"]);
        // The kubelet probes from its node: without probeCidrs the health port is open to every source.
        Assert.Null(rules.Single(r => Port(r!) == 8081)!["from"]);

        var narrow = HelmRender.Objects("""
            metrics: {port: 9090}
            health: {port: 9091}
            networkPolicy: {enabled: true, metricsNamespace: observability, metricsPodLabels: {app.kubernetes.io/name: prometheus}, probeCidrs: [10.0.0.0/16, 10.1.0.0/16]}
            """).OfKind("NetworkPolicy").Single()["spec"]!["ingress"]!.AsArray();
        var scraper = Assert.Single(narrow.Single(r => Port(r!) == 9090)!["from"]!.AsArray())!;
        Assert.Equal("observability", scraper["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Equal("prometheus", scraper["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        Assert.Equal(["10.0.0.0/16", "10.1.0.0/16"], narrow.Single(r => Port(r!) == 9091)!["from"]!.AsArray().Select(f => f!["ipBlock"]!["cidr"]!.GetValue<string>()));
    }

    [HelmRenderFact]
    public void A_network_policy_on_one_port_for_metrics_and_health_fails_the_render()
    {
        var failure = Assert.ThrowsAny<Exception>(() => HelmRender.Objects("networkPolicy: {enabled: true}\nhealth: {port: 8080}"));
        Assert.Contains("metrics.port and health.port to differ", failure.Message);
    }

    [HelmRenderFact]
    public void Image_digest_tmp_size_limit_and_metrics_bind_address()
    {
        var plain = Container(HelmRender.Objects(""));
        Assert.Equal($"ghcr.io/vpce-io/vpce-operator:{AppVersion()}", plain["image"]!.GetValue<string>());
        Assert.Contains("--metrics-bind-address=0.0.0.0", plain["args"]!.AsArray().Select(a => a!.GetValue<string>()));

        var objects = HelmRender.Objects($"image: {{tag: v9, digest: \"{Digest}\"}}\ntmpSizeLimit: 32Mi\nmetrics: {{bindAddress: 127.0.0.1}}");
        var container = Container(objects);
        Assert.Equal($"ghcr.io/vpce-io/vpce-operator@{Digest}", container["image"]!.GetValue<string>());
        Assert.Contains("--metrics-bind-address=127.0.0.1", container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        var tmp = PodSpec(objects)["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "tmp")!;
        Assert.Equal("32Mi", tmp["emptyDir"]!["sizeLimit"]!.GetValue<string>());
        Assert.Equal("64Mi", PodSpec(HelmRender.Objects(""))["volumes"]![0]!["emptyDir"]!["sizeLimit"]!.GetValue<string>());
        Assert.Empty(PodSpec(HelmRender.Objects("tmpSizeLimit: \"\""))["volumes"]![0]!["emptyDir"]!.AsObject());
    }

    /// <summary>The namespaces where a rule grants any verb on ConfigMaps ("*" for a ClusterRole).</summary>
    private static IEnumerable<string> ConfigMapGrants(IReadOnlyList<JsonObject> objects) =>
        objects.Where(o => o["kind"]!.GetValue<string>() is "Role" or "ClusterRole")
            .Where(r => r["rules"]!.AsArray().Any(rule => rule!["resources"]!.AsArray().Any(x => x!.GetValue<string>() is "configmaps" or "*")))
            .Select(r => r["metadata"]!["namespace"]?.GetValue<string>() ?? "*");

    private static string Namespace(JsonObject o) => o["metadata"]!["namespace"]!.GetValue<string>();

    private static long Port(JsonNode rule) => rule["ports"]![0]!["port"]!.GetValue<long>();

    private static JsonNode PodSpec(IReadOnlyList<JsonObject> objects) => objects.OfKind("Deployment").Single()["spec"]!["template"]!["spec"]!;

    private static JsonNode Container(IReadOnlyList<JsonObject> objects) => PodSpec(objects)["containers"]![0]!;

    private static IReadOnlyList<string> Args(IReadOnlyList<JsonObject> objects) =>
        Container(objects)["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    private static string AppVersion() =>
        File.ReadAllLines(Path.Combine(HelmChart.Root, "Chart.yaml")).Single(l => l.StartsWith("appVersion:", StringComparison.Ordinal))
            .Split(':', 2)[1].Trim().Trim('"');

    private static string Rule(JsonNode rule)
    {
        static string Join(JsonNode? list) => string.Join(",", list!.AsArray().Select(v => v!.GetValue<string>()));
        return $"{Join(rule["apiGroups"])} {Join(rule["resources"])}: {Join(rule["verbs"])}";
    }
}
