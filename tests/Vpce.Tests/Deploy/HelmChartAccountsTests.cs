using System.Text.Json.Nodes;

namespace Vpce.Tests.Deploy;

/// <summary>Many accounts in the chart (issue 25): AwsAccounts and namespaces are cluster-scoped, so a ClusterRole grants
/// them under either install scope, and nothing more; defaultAccount becomes --default-account; values.accounts renders
/// AwsAccount objects whose spec is the entry's fields; the schema refuses an entry the CRD would.</summary>
public sealed class HelmChartAccountsTests
{
    private static readonly string[] ClusterRules =
    [
        "vpce.io awsaccounts: get,list,watch,patch",
        "vpce.io awsaccounts/status: patch",
        " namespaces: get,list,watch",
    ];

    [Theory]
    [InlineData("")]
    [InlineData("installScope: namespace")]
    [InlineData("installScope: namespace\nwatchNamespaces: [payments, data]")]
    [InlineData("watchNamespaces: [payments]")]
    public void The_schema_accepts_accounts_with_every_scope(string scope) =>
        Assert.Empty(HelmChart.SchemaErrors(HelmChart.With(ChartAccountsValues.Payments + "\n" + scope)));

    [Theory]
    [InlineData("accounts: [{name: a, accountId: 222233334444, namespaceSelector: {}}]", "an account id YAML reads as a number")]
    [InlineData("accounts: [{name: a, accountId: \"2222\", namespaceSelector: {}}]", "an account id of 4 digits")]
    [InlineData("accounts: [{name: a, accountId: \"222233334444\"}]", "an account without namespaceSelector")]
    [InlineData("accounts: [{accountId: \"222233334444\", namespaceSelector: {}}]", "an account without a name")]
    [InlineData("accounts: [{name: Payments_Prod, accountId: \"222233334444\", namespaceSelector: {}}]", "a name that is no DNS subdomain")]
    [InlineData("accounts: [{name: a, accountId: \"222233334444\", namespaceSelector: {}, roleArn: \"arn:aws:iam::222233334444:user/x\"}]", "a user as the role")]
    [InlineData("accounts: [{name: a, accountId: \"222233334444\", namespaceSelector: {}, vpcSelector: {tags: {a: b}}, vpcIds: [vpc-1]}]", "both vpcSelector and vpcIds")]
    [InlineData("accounts: [{name: a, accountId: \"222233334444\", namespaceSelector: {matchLabel: {a: b}}}]", "a typo in the selector")]
    [InlineData("accounts: [{name: a, accountId: \"222233334444\", namespaceSelector: {}, region: eu-west-1}]", "a field the kind does not have")]
    [InlineData("accounts: {payments: {accountId: \"222233334444\"}}", "a map for the list")]
    [InlineData("defaultAccount: Payments Prod", "a default account that is no name")]
    public void The_schema_refuses(string overrides, string what) =>
        Assert.True(HelmChart.SchemaErrors(HelmChart.With(overrides)).Count > 0, $"the schema accepted {what}: {overrides}");

    [Fact]
    public void The_default_values_name_no_account() =>
        Assert.True(HelmChart.Values["defaultAccount"]!.GetValue<string>() == "" && HelmChart.Values["accounts"]!.AsArray().Count == 0);

    [Fact]
    public void The_cluster_rules_are_the_least_the_operator_needs() =>
        Assert.Equal(ClusterRules, HelmChartTests.RulesOf("vpce-operator.clusterRules"));

    [HelmRenderTheory]
    [InlineData("installScope: cluster")]
    [InlineData("installScope: namespace")]
    [InlineData("installScope: namespace\nwatchNamespaces: [payments, data]")]
    [InlineData("installScope: cluster\nwatchNamespaces: [payments]")]
    public void A_cluster_role_grants_accounts_and_namespaces_under_every_scope(string scope)
    {
        var objects = HelmRender.Objects(scope);
        var role = objects.OfKind("ClusterRole").Single(r => r.Name() == "vpce-operator-accounts");
        Assert.Equal(ClusterRules, role["rules"]!.AsArray().Select(r => Rule(r!)));
        var binding = objects.OfKind("ClusterRoleBinding").Single(b => b.Name() == "vpce-operator-accounts");
        Assert.Equal("vpce-operator-accounts", binding["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("ClusterRole", binding["roleRef"]!["kind"]!.GetValue<string>());
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal(("ServiceAccount", "vpce-operator", HelmRender.Namespace),
            (subject["kind"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["namespace"]!.GetValue<string>()));
        // Nothing else cluster-wide under the namespace scope: the kinds and events stay in Roles.
        if (scope != "installScope: cluster")
            Assert.Equal(new[] { "vpce-operator-accounts" }, objects.OfKind("ClusterRole").Select(r => r.Name()));
    }

    [HelmRenderFact]
    public void Account_events_may_be_written_in_default_when_it_is_not_watched()
    {
        bool EventsIn(IReadOnlyList<JsonObject> objects, string ns) =>
            objects.OfKind("Role").Any(r => r["metadata"]!["namespace"]!.GetValue<string>() == ns
                && r["rules"]!.AsArray().Any(rule => Rule(rule!) == " events: create,patch"))
            && objects.OfKind("RoleBinding").Any(b => b["metadata"]!["namespace"]!.GetValue<string>() == ns
                && b["roleRef"]!["kind"]!.GetValue<string>() == "Role");
        Assert.True(EventsIn(HelmRender.Objects("installScope: namespace\nwatchNamespaces: [payments]"), "default"));
        Assert.True(EventsIn(HelmRender.Objects("installScope: namespace"), "default"));
        // Watched already: no second Role for the same events.
        Assert.DoesNotContain(HelmRender.Objects("installScope: namespace\nwatchNamespaces: [default, payments]").OfKind("Role"), r => r.Name() == "vpce-operator-events");
        Assert.DoesNotContain(HelmRender.Objects("installScope: cluster").OfKind("Role"), r => r.Name() == "vpce-operator-events");
    }

    [HelmRenderFact]
    public void Default_account_becomes_the_flag_and_is_absent_when_empty()
    {
        Assert.Contains("--default-account=payments-prod", Args(HelmRender.Objects(ChartAccountsValues.Payments)));
        Assert.DoesNotContain(Args(HelmRender.Objects("")), a => a.StartsWith("--default-account", StringComparison.Ordinal));
    }

    [HelmRenderFact]
    public void Endpoint_service_owners_become_one_flag_each_and_none_when_empty()
    {
        var args = Args(HelmRender.Objects("endpointServiceOwners: [amazon, \"222233334444\"]"));
        Assert.Equal(["--endpoint-service-owner=amazon", "--endpoint-service-owner=222233334444"],
            args.Where(a => a.StartsWith("--endpoint-service-owner", StringComparison.Ordinal)));
        Assert.DoesNotContain(Args(HelmRender.Objects("")), a => a.StartsWith("--endpoint-service-owner", StringComparison.Ordinal));
    }

    [HelmRenderFact]
    public void Each_entry_of_accounts_renders_an_AwsAccount_with_its_spec()
    {
        var accounts = HelmRender.Objects(ChartAccountsValues.Payments).OfKind("AwsAccount").ToList();
        var entries = YamlJson.Parse(ChartAccountsValues.Payments)!["accounts"]!.AsArray();
        Assert.Equal(entries.Select(e => e!["name"]!.GetValue<string>()), accounts.Select(a => a.Name()));
        foreach (var (account, entry) in accounts.Zip(entries))
        {
            Assert.Equal("vpce.io/v1alpha1", account["apiVersion"]!.GetValue<string>());
            // Cluster-scoped: no namespace.
            Assert.Null(account["metadata"]!["namespace"]);
            var expected = entry!.AsObject().DeepClone().AsObject();
            expected.Remove("name");
            Assert.True(JsonNode.DeepEquals(expected, account["spec"]), $"{account.Name()}: {account["spec"]!.ToJsonString()} is not {expected.ToJsonString()}");
            // The account id stays a string (the CRD's pattern is for a string).
            Assert.Equal(System.Text.Json.JsonValueKind.String, account["spec"]!["accountId"]!.GetValueKind());
        }
        Assert.Empty(HelmRender.Objects("").OfKind("AwsAccount"));
    }

    private static IReadOnlyList<string> Args(IReadOnlyList<JsonObject> objects) =>
        objects.OfKind("Deployment").Single()["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray()
            .Select(a => a!.GetValue<string>()).ToList();

    private static string Rule(JsonNode rule)
    {
        static string Join(JsonNode? list) => string.Join(",", list!.AsArray().Select(v => v!.GetValue<string>()));
        return $"{Join(rule["apiGroups"])} {Join(rule["resources"])}: {Join(rule["verbs"])}";
    }
}
