using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>What an AwsAccount admits, as tables: metav1.LabelSelector semantics for namespaces, and the regions, buckets and
/// VPCs of its spec.</summary>
public sealed class AccountAdmissionTests
{
    private static readonly Dictionary<string, string> Payments = new() { ["team"] = "payments", ["env"] = "prod" };

    private static LabelSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : values.ToList() };

    private static LabelSelector Expressions(params LabelSelectorRequirement[] requirements) => new() { MatchExpressions = requirements.ToList() };

    private static LabelSelector Labels(params (string Key, string Value)[] pairs) =>
        new() { MatchLabels = pairs.ToDictionary(p => p.Key, p => p.Value) };

    public static TheoryData<string, LabelSelector?, Dictionary<string, string>?, bool> Selectors => new()
    {
        { "null selects none", null, Payments, false },
        { "null selects none, unlabelled", null, null, false },
        { "{} selects all", new LabelSelector(), Payments, true },
        { "{} selects an unlabelled namespace", new LabelSelector(), null, true },
        { "{} with empty lists selects all", new LabelSelector { MatchLabels = [], MatchExpressions = [] }, new Dictionary<string, string>(), true },
        { "matchLabels one pair", Labels(("team", "payments")), Payments, true },
        { "matchLabels every pair", Labels(("team", "payments"), ("env", "prod")), Payments, true },
        { "matchLabels one of two wrong", Labels(("team", "payments"), ("env", "dev")), Payments, false },
        { "matchLabels absent key", Labels(("owner", "payments")), Payments, false },
        { "matchLabels on an unlabelled namespace", Labels(("team", "payments")), null, false },
        { "matchLabels values are case-sensitive", Labels(("team", "Payments")), Payments, false },
        { "matchLabels keys are case-sensitive", Labels(("Team", "payments")), Payments, false },
        { "matchLabels empty value matches only empty", Labels(("team", "")), Payments, false },
        { "matchLabels empty value on an empty label", Labels(("team", "")), new Dictionary<string, string> { ["team"] = "" }, true },
        { "In, value listed", Expressions(Requirement("team", "In", "billing", "payments")), Payments, true },
        { "In, value not listed", Expressions(Requirement("team", "In", "billing", "search")), Payments, false },
        { "In, key absent", Expressions(Requirement("owner", "In", "payments")), Payments, false },
        { "In without values", Expressions(Requirement("team", "In")), Payments, false },
        { "NotIn, value listed", Expressions(Requirement("team", "NotIn", "payments")), Payments, false },
        { "NotIn, value not listed", Expressions(Requirement("team", "NotIn", "billing")), Payments, true },
        { "NotIn on an absent key holds", Expressions(Requirement("owner", "NotIn", "payments")), Payments, true },
        { "NotIn on an unlabelled namespace holds", Expressions(Requirement("team", "NotIn", "payments")), null, true },
        { "Exists, present", Expressions(Requirement("team", "Exists")), Payments, true },
        { "Exists, present with an empty value", Expressions(Requirement("team", "Exists")), new Dictionary<string, string> { ["team"] = "" }, true },
        { "Exists, absent", Expressions(Requirement("owner", "Exists")), Payments, false },
        { "DoesNotExist, absent", Expressions(Requirement("owner", "DoesNotExist")), Payments, true },
        { "DoesNotExist, present", Expressions(Requirement("team", "DoesNotExist")), Payments, false },
        { "unknown operator", Expressions(Requirement("team", "Equals", "payments")), Payments, false },
        { "operators are case-sensitive", Expressions(Requirement("team", "in", "payments")), Payments, false },
        { "empty operator", Expressions(Requirement("team", "")), Payments, false },
        { "every expression must hold", Expressions(Requirement("team", "In", "payments"), Requirement("env", "NotIn", "prod")), Payments, false },
        { "all expressions hold", Expressions(Requirement("team", "In", "payments"), Requirement("env", "NotIn", "dev"), Requirement("owner", "DoesNotExist")), Payments, true },
        {
            "matchLabels and expressions both hold",
            new LabelSelector { MatchLabels = new() { ["team"] = "payments" }, MatchExpressions = [Requirement("env", "In", "prod", "staging")] },
            Payments, true
        },
        {
            "matchLabels holds, expression does not",
            new LabelSelector { MatchLabels = new() { ["team"] = "payments" }, MatchExpressions = [Requirement("env", "In", "dev")] },
            Payments, false
        },
        {
            "expression holds, matchLabels does not",
            new LabelSelector { MatchLabels = new() { ["team"] = "billing" }, MatchExpressions = [Requirement("env", "In", "prod")] },
            Payments, false
        },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void AdmitsNamespace_follows_label_selector_semantics(string row, LabelSelector? selector, Dictionary<string, string>? labels, bool admitted) =>
        Assert.True(admitted == AccountAdmission.AdmitsNamespace(selector, labels), $"{row}: expected {(admitted ? "admitted" : "refused")}");

    private static AwsAccountSpec Spec(Action<AwsAccountSpec>? change = null)
    {
        var spec = new AwsAccountSpec { AccountId = "222233334444", NamespaceSelector = new() };
        change?.Invoke(spec);
        return spec;
    }

    [Theory]
    [InlineData(null, "eu-west-1", true)]
    [InlineData("", "eu-west-1", true)]
    [InlineData("eu-west-1", "eu-west-1", true)]
    [InlineData("eu-west-1,us-east-1", "us-east-1", true)]
    [InlineData("eu-west-1,us-east-1", "eu-central-1", false)]
    [InlineData("eu-west-1", "EU-WEST-1", false)]
    [InlineData("eu-west-1", "", false)]
    public void AdmitsRegion_empty_list_admits_all(string? regions, string region, bool admitted)
    {
        var spec = Spec(s => s.Regions = regions?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList());
        Assert.Equal(admitted, AccountAdmission.AdmitsRegion(spec, region));
    }

    [Theory]
    [InlineData(null, "anything", true)]
    [InlineData("", "anything", true)]
    [InlineData("payments-data", "payments-data", true)]
    [InlineData("payments-data", "payments-data2", false)]
    [InlineData("payments-*", "payments-data", true)]
    [InlineData("payments-*", "payments-", true)]
    [InlineData("payments-*", "payments", false)]
    [InlineData("payments-*", "billing-payments-data", false)]
    [InlineData("*-logs", "payments-logs", true)]
    [InlineData("*-logs", "payments-logs-old", false)]
    [InlineData("*", "anything.at.all", true)]
    [InlineData("pay*-*-eu", "payments-data-eu", true)]
    [InlineData("pay*-*-eu", "payments-eu", false)]
    [InlineData("logs-??", "logs-01", true)]
    [InlineData("logs-??", "logs-1", false)]
    [InlineData("logs-??", "logs-001", false)]
    [InlineData("logs-?", "logs-", false)]
    [InlineData("payments-*", "Payments-data", false)]
    [InlineData("Payments-*", "payments-data", false)]
    [InlineData("billing-*,payments-*", "payments-data", true)]
    [InlineData("billing-*,search-*", "payments-data", false)]
    [InlineData("payments.data", "payments-data", false)]
    public void AdmitsBucket_matches_case_sensitive_globs(string? patterns, string bucket, bool admitted)
    {
        var spec = Spec(s => s.Buckets = patterns?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList());
        Assert.Equal(admitted, AccountAdmission.AdmitsBucket(spec, bucket));
    }

    private static readonly Dictionary<string, string> PaymentsVpcTags = new() { ["team"] = "payments", ["Name"] = "payments-prod" };

    public static TheoryData<string, Action<AwsAccountSpec>, string, Dictionary<string, string>, bool> Vpcs => new()
    {
        { "neither admits all", _ => { }, "vpc-0a1b", new Dictionary<string, string>(), true },
        { "empty vpcIds admits all", s => s.VpcIds = [], "vpc-0a1b", new Dictionary<string, string>(), true },
        { "a selector without tags admits all", s => s.VpcSelector = new TagSelector(), "vpc-0a1b", new Dictionary<string, string>(), true },
        { "vpcIds, listed", s => s.VpcIds = ["vpc-0a1b", "vpc-0c2d"], "vpc-0c2d", new Dictionary<string, string>(), true },
        { "vpcIds, not listed", s => s.VpcIds = ["vpc-0a1b", "vpc-0c2d"], "vpc-0e3f", PaymentsVpcTags, false },
        { "vpcIds compare exactly", s => s.VpcIds = ["vpc-0a1b"], "VPC-0A1B", new Dictionary<string, string>(), false },
        { "vpcIds, a prefix is not enough", s => s.VpcIds = ["vpc-0a1b"], "vpc-0a1b2", new Dictionary<string, string>(), false },
        { "selector, tag carried", s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } }, "vpc-0a1b", PaymentsVpcTags, true },
        {
            "selector, every tag carried",
            s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments", ["Name"] = "payments-prod" } }, "vpc-0a1b", PaymentsVpcTags, true
        },
        {
            "selector, one tag of two missing",
            s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments", ["env"] = "prod" } }, "vpc-0a1b", PaymentsVpcTags, false
        },
        { "selector, other value", s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "billing" } }, "vpc-0a1b", PaymentsVpcTags, false },
        { "selector, untagged VPC", s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } }, "vpc-0a1b", new Dictionary<string, string>(), false },
        { "selector values are case-sensitive", s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "Payments" } }, "vpc-0a1b", PaymentsVpcTags, false },
        {
            "both set: the VPC must be listed and tagged",
            s => { s.VpcIds = ["vpc-0a1b"]; s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } }; },
            "vpc-0a1b", new Dictionary<string, string>(), false
        },
    };

    [Theory]
    [MemberData(nameof(Vpcs))]
    public void AdmitsVpc_by_ids_or_tags(string row, Action<AwsAccountSpec> change, string vpcId, Dictionary<string, string> tags, bool admitted) =>
        Assert.True(admitted == AccountAdmission.AdmitsVpc(Spec(change), vpcId, tags), $"{row}: expected {(admitted ? "admitted" : "refused")}");

    public static TheoryData<string, Action<AwsAccountSpec>, bool> Restrictions => new()
    {
        { "neither", _ => { }, false },
        { "empty vpcIds", s => s.VpcIds = [], false },
        { "selector without tags", s => s.VpcSelector = new TagSelector(), false },
        { "vpcIds", s => s.VpcIds = ["vpc-0a1b"], true },
        { "selector with a tag", s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } }, true },
        { "regions and buckets only", s => { s.Regions = ["eu-west-1"]; s.Buckets = ["payments-*"]; }, false },
    };

    [Theory]
    [MemberData(nameof(Restrictions))]
    public void RestrictsVpcs_only_with_ids_or_tags(string row, Action<AwsAccountSpec> change, bool restricts) =>
        Assert.True(restricts == AccountAdmission.RestrictsVpcs(Spec(change)), $"{row}: expected {(restricts ? "restricted" : "unrestricted")}");

    [Fact]
    public void An_unrestricted_spec_admits_any_vpc_restricting_ones_decide_by_it()
    {
        // RestrictsVpcs false means AdmitsVpc needs no tags: it admits whatever they are.
        var open = Spec();
        Assert.False(AccountAdmission.RestrictsVpcs(open));
        Assert.True(AccountAdmission.AdmitsVpc(open, "vpc-0a1b", new Dictionary<string, string>()));
        var restricted = Spec(s => s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } });
        Assert.True(AccountAdmission.RestrictsVpcs(restricted));
        Assert.False(AccountAdmission.AdmitsVpc(restricted, "vpc-0a1b", new Dictionary<string, string>()));
    }
}
