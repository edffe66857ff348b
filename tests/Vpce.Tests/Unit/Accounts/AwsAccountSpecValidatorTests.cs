using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit.Accounts;

public sealed class AwsAccountSpecValidatorTests
{
    private const string Account = "222233334444";
    private const string Role = "arn:aws:iam::222233334444:role/vpce-operator";

    private static AwsAccountSpec Valid() => new()
    {
        AccountId = Account,
        RoleArn = Role,
        NamespaceSelector = new LabelSelector { MatchLabels = new() { ["team"] = "payments" } },
    };

    private static LabelSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : values.ToList() };

    [Fact]
    public void A_minimal_spec_with_a_role_is_valid() => Assert.Empty(AwsAccountSpecValidator.Validate(Valid()));

    [Fact]
    public void A_spec_without_a_role_is_valid()
    {
        var spec = new AwsAccountSpec { AccountId = Account, NamespaceSelector = new LabelSelector() };
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    [Fact]
    public void A_full_spec_is_valid()
    {
        var spec = new AwsAccountSpec
        {
            AccountId = Account,
            RoleArn = "arn:aws:iam::222233334444:role/platform/vpce-operator",
            ExternalId = "payments-7f3a_+=,.@:/",
            RoleChain = ["arn:aws:iam::111122223333:role/hub", "arn:aws-us-gov:iam::333344445555:role/transit/relay"],
            SessionTags = new() { ["cluster"] = "prod-eu", ["team"] = "" },
            Regions = ["eu-west-1", "us-gov-west-1", "ap-southeast-5"],
            NamespaceSelector = new LabelSelector
            {
                MatchLabels = new() { ["team"] = "payments" },
                MatchExpressions =
                [
                    Requirement("env", LabelSelectorOperators.In, "prod", "staging"),
                    Requirement("tier", LabelSelectorOperators.NotIn, "sandbox"),
                    Requirement("owner", LabelSelectorOperators.Exists),
                    Requirement("quarantine", LabelSelectorOperators.DoesNotExist),
                ],
            },
            VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } },
            Buckets = ["payments-*", "logs-??", "exact.bucket-name", "*"],
            EndpointServiceOwners = ["amazon", "999988887777"],
        };
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    [Fact]
    public void VpcIds_alone_are_valid()
    {
        var spec = Valid();
        spec.VpcIds = ["vpc-0a1b2c3d", "vpc-0e4f"];
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    [Fact]
    public void The_exact_bounds_are_valid()
    {
        var spec = Valid();
        spec.ExternalId = "ab";
        spec.RoleChain = Enumerable.Range(0, AwsLimits.RoleChainLength).Select(i => $"arn:aws:iam::11112222333{i}:role/hop{i}").ToList();
        spec.Regions = Enumerable.Range(1, AwsLimits.RegionsPerAccount).Select(i => $"eu-west-{i}").ToList();
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
        spec.ExternalId = new string('x', AwsLimits.ExternalIdMaxLength);
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    public static TheoryData<string, Action<AwsAccountSpec>> InvalidSpecs => new()
    {
        { "spec.accountId", s => s.AccountId = "" },
        { "spec.accountId", s => { s.AccountId = ""; s.RoleArn = null; } },
        { "spec.accountId", s => s.AccountId = "22223333444" },
        { "spec.accountId", s => s.AccountId = "2222333344445" },
        { "spec.accountId", s => s.AccountId = "22223333444a" },
        { "spec.accountId", s => s.AccountId = "222233334444\n" },
        { "spec.roleArn", s => s.RoleArn = "arn:aws:iam::444455556666:role/vpce-operator" },
        { "spec.roleArn", s => s.RoleArn = "arn:aws:iam::222233334444:user/vpce-operator" },
        { "spec.roleArn", s => s.RoleArn = "arn:aws:sts::222233334444:assumed-role/vpce-operator/session" },
        { "spec.roleArn", s => s.RoleArn = "vpce-operator" },
        { "spec.roleArn", s => s.RoleArn = "" },
        { "spec.roleArn", s => s.RoleArn = "arn:aws:iam::222233334444:role/vpce operator" },
        { "spec.externalId", s => s.ExternalId = "x" },
        { "spec.externalId", s => s.ExternalId = "" },
        { "spec.externalId", s => s.ExternalId = new string('x', AwsLimits.ExternalIdMaxLength + 1) },
        { "spec.externalId", s => s.ExternalId = "payments 7f3a" },
        { "spec.externalId", s => s.ExternalId = "payments*7f3a" },
        { "spec.externalId", s => s.ExternalId = "paymënts" },
        { "spec.externalId", s => s.ExternalId = "payments\n" },
        { "spec.roleChain", s => s.RoleChain = Enumerable.Range(0, AwsLimits.RoleChainLength + 1).Select(i => $"arn:aws:iam::11112222333{i}:role/hop").ToList() },
        { "spec.roleChain[0]", s => s.RoleChain = ["arn:aws:iam::111122223333:user/hub"] },
        { "spec.roleChain[1]", s => s.RoleChain = ["arn:aws:iam::111122223333:role/hub", "hub"] },
        { "spec.roleArn", s => { s.RoleArn = null; s.RoleChain = ["arn:aws:iam::111122223333:role/hub"]; } },
        { "spec.roleArn", s => { s.RoleArn = null; s.ExternalId = "payments-7f3a"; } },
        { "spec.roleArn", s => { s.RoleArn = null; s.SessionTags = new() { ["cluster"] = "prod-eu" }; } },
        { "spec.sessionTags", s => s.SessionTags = Enumerable.Range(0, AwsLimits.SessionTags + 1).ToDictionary(i => $"k{i}", _ => "v") },
        { "spec.sessionTags[]", s => s.SessionTags = new() { [""] = "v" } },
        { "spec.sessionTags[cluster]", s => s.SessionTags = new() { ["cluster"] = new string('v', AwsLimits.TagValueMaxLength + 1) } },
        { "spec.regions[0]", s => s.Regions = ["EU-WEST-1"] },
        { "spec.regions[1]", s => s.Regions = ["eu-west-1", "europe"] },
        { "spec.regions", s => s.Regions = Enumerable.Range(1, AwsLimits.RegionsPerAccount + 1).Select(i => $"eu-west-{i}").ToList() },
        { "spec.vpcIds[0]", s => s.VpcIds = ["subnet-0a1b"] },
        { "spec.vpcIds", s => s.VpcIds = Enumerable.Range(1, AwsLimits.VpcIdsPerAccount + 1).Select(i => $"vpc-{i:x}").ToList() },
        { "spec.vpcSelector", s => { s.VpcIds = ["vpc-0a1b"]; s.VpcSelector = new TagSelector { Tags = new() { ["team"] = "payments" } }; } },
        { "spec.vpcSelector", s => { s.VpcIds = ["vpc-0a1b"]; s.VpcSelector = new TagSelector(); } },
        { "spec.vpcSelector.tags", s => s.VpcSelector = new TagSelector { Tags = Enumerable.Range(0, AwsLimits.SelectorTags + 1).ToDictionary(i => $"k{i}", _ => "v") } },
        { "spec.buckets[0]", s => s.Buckets = ["Payments-*"] },
        { "spec.buckets[0]", s => s.Buckets = ["payments_data"] },
        { "spec.buckets[0]", s => s.Buckets = [""] },
        { "spec.buckets", s => s.Buckets = Enumerable.Range(1, AwsLimits.BucketPatternsPerAccount + 1).Select(i => $"b{i}-*").ToList() },
        { "spec.endpointServiceOwners[0]", s => s.EndpointServiceOwners = ["Amazon"] },
        { "spec.endpointServiceOwners[1]", s => s.EndpointServiceOwners = ["amazon", "1234"] },
        { "spec.endpointServiceOwners", s => s.EndpointServiceOwners = Enumerable.Range(1, AwsLimits.EndpointServiceOwnersPerAccount + 1).Select(i => $"{i:D12}").ToList() },
        { "spec.namespaceSelector", s => s.NamespaceSelector = null },
        {
            "spec.namespaceSelector",
            s => s.NamespaceSelector = new LabelSelector
            {
                MatchExpressions = Enumerable.Range(0, KubeNames.SelectorTerms * 2 + 1).Select(i => Requirement($"k{i}", LabelSelectorOperators.Exists)).ToList(),
            }
        },
        { "spec.namespaceSelector.matchExpressions[0].values", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", LabelSelectorOperators.In)] } },
        {
            "spec.namespaceSelector.matchExpressions[0].values",
            s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [new() { Key = "team", Operator = LabelSelectorOperators.In, Values = [] }] }
        },
        { "spec.namespaceSelector.matchExpressions[0].values", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", LabelSelectorOperators.NotIn)] } },
        {
            "spec.namespaceSelector.matchExpressions[1].values",
            s => s.NamespaceSelector = new LabelSelector
            {
                MatchExpressions = [Requirement("team", LabelSelectorOperators.In, "payments"), Requirement("env", LabelSelectorOperators.Exists, "prod")],
            }
        },
        { "spec.namespaceSelector.matchExpressions[0].values", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("env", LabelSelectorOperators.DoesNotExist, "prod")] } },
        { "spec.namespaceSelector.matchExpressions[0].operator", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", "Equals", "payments")] } },
        { "spec.namespaceSelector.matchExpressions[0].operator", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", "in", "payments")] } },
        { "spec.namespaceSelector.matchExpressions[0].operator", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", "")] } },
        { "spec.namespaceSelector.matchExpressions[0].key", s => s.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("", LabelSelectorOperators.Exists)] } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Each_error_names_its_field(string field, Action<AwsAccountSpec> change)
    {
        var spec = Valid();
        change(spec);
        var errors = AwsAccountSpecValidator.Validate(spec);
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void A_role_in_another_account_names_both_accounts()
    {
        var spec = Valid();
        spec.RoleArn = "arn:aws:iam::444455556666:role/vpce-operator";
        var error = Assert.Single(AwsAccountSpecValidator.Validate(spec));
        Assert.Equal("spec.roleArn", error.Field);
        Assert.Contains("444455556666", error.Message);
        Assert.Contains(Account, error.Message);
    }

    [Fact]
    public void A_role_in_another_partition_but_the_same_account_is_accepted()
    {
        var spec = Valid();
        spec.RoleArn = "arn:aws-cn:iam::222233334444:role/vpce-operator";
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    [Theory]
    [InlineData("roleChain")]
    [InlineData("externalId")]
    [InlineData("sessionTags")]
    public void Role_options_without_a_role_are_an_error_naming_roleArn(string option)
    {
        var spec = new AwsAccountSpec { AccountId = Account, NamespaceSelector = new LabelSelector() };
        switch (option)
        {
            case "roleChain": spec.RoleChain = ["arn:aws:iam::111122223333:role/hub"]; break;
            case "externalId": spec.ExternalId = "payments-7f3a"; break;
            default: spec.SessionTags = new() { ["cluster"] = "prod-eu" }; break;
        }
        var error = Assert.Single(AwsAccountSpecValidator.Validate(spec));
        Assert.Equal("spec.roleArn", error.Field);
    }

    [Fact]
    public void Empty_role_options_without_a_role_are_fine()
    {
        var spec = new AwsAccountSpec { AccountId = Account, NamespaceSelector = new LabelSelector(), RoleChain = [], SessionTags = [] };
        Assert.Empty(AwsAccountSpecValidator.Validate(spec));
    }

    [Fact]
    public void A_missing_namespace_selector_says_that_empty_admits_all()
    {
        var spec = Valid();
        spec.NamespaceSelector = null;
        var error = Assert.Single(AwsAccountSpecValidator.Validate(spec));
        Assert.Equal("spec.namespaceSelector", error.Field);
        Assert.Contains("{}", error.Message);
    }

    [Fact]
    public void An_unknown_operator_is_named_in_the_error()
    {
        var spec = Valid();
        spec.NamespaceSelector = new LabelSelector { MatchExpressions = [Requirement("team", "Equals", "payments")] };
        var error = Assert.Single(AwsAccountSpecValidator.Validate(spec));
        Assert.Equal("spec.namespaceSelector.matchExpressions[0].operator", error.Field);
        Assert.Contains("\"Equals\"", error.Message);
    }

    [Fact]
    public void Every_bad_expression_gets_its_own_error()
    {
        var spec = Valid();
        spec.NamespaceSelector = new LabelSelector
        {
            MatchExpressions =
            [
                Requirement("team", LabelSelectorOperators.In),
                Requirement("env", LabelSelectorOperators.In, "prod"),
                Requirement("owner", LabelSelectorOperators.Exists, "x"),
                Requirement("tier", "Gt", "1"),
            ],
        };
        var fields = AwsAccountSpecValidator.Validate(spec).Select(e => e.Field).ToList();
        Assert.Equal(
            [
                "spec.namespaceSelector.matchExpressions[0].values",
                "spec.namespaceSelector.matchExpressions[2].values",
                "spec.namespaceSelector.matchExpressions[3].operator",
            ],
            fields);
    }

    [Theory]
    [InlineData("arn:aws:iam::222233334444:role/vpce-operator", "222233334444")]
    [InlineData("arn:aws-us-gov:iam::333344445555:role/path/to/role", "333344445555")]
    [InlineData("not-an-arn", "")]
    public void AccountOf_reads_the_fifth_field(string arn, string account) => Assert.Equal(account, AwsAccountSpecValidator.AccountOf(arn));
}
