using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointPolicyLintTests
{
    private const string Region = "eu-west-1";
    private const string S3 = "com.amazonaws.eu-west-1.s3";
    private const string Operator = "arn:aws:iam::123456789012:role/vpce-operator";

    private static readonly Dictionary<string, string> Regions = new() { ["here"] = "eu-west-1", ["elsewhere"] = "us-east-1" };

    private static IReadOnlyList<PolicyFinding> Lint(string policy, string service = S3, bool supported = true, string? operatorArn = Operator) =>
        EndpointPolicyLint.Check(new PolicyLintInput(policy, Region, service, supported, Regions, operatorArn));

    private static string Policy(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private const string AllowAll = """{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""";

    [Fact]
    public void The_full_access_default_has_no_finding() => Assert.Empty(Lint(Policy(AllowAll)));

    [Theory]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}""")]
    [InlineData("""{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/other"}}}""")]
    public void A_policy_without_an_allow_allows_nothing(string deny)
    {
        var finding = Assert.Single(Lint(Policy(deny)), f => f.Reason == PolicyFindingReasons.AllowsNothing);
        Assert.Contains("no Allow statement", finding.Message);
    }

    [Fact]
    public void A_blanket_deny_beside_an_allow_allows_nothing_and_names_the_statement()
    {
        var finding = Assert.Single(Lint(Policy(AllowAll, """{"Sid":"Nothing","Effect":"Deny","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*"}""")),
            f => f.Reason == PolicyFindingReasons.AllowsNothing);
        Assert.Contains("statement Nothing denies every action on every resource", finding.Message);
    }

    [Theory]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}""")]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"arn:aws:s3:::here/*"}""")]
    public void A_partial_deny_beside_an_allow_still_allows_something(string deny) =>
        Assert.DoesNotContain(Lint(Policy(AllowAll, deny), operatorArn: null), f => f.Reason == PolicyFindingReasons.AllowsNothing);

    [Fact]
    public void An_s3_policy_naming_a_bucket_of_another_region_is_a_finding_per_bucket()
    {
        var findings = Lint(Policy(
            """{"Sid":"Data","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["arn:aws:s3:::here/*","arn:aws:s3:::elsewhere/*"]}""",
            """{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::elsewhere"}"""));
        var finding = Assert.Single(findings);
        Assert.Equal(PolicyFindingReasons.BucketInOtherRegion, finding.Reason);
        Assert.Equal("statement Data, statement 2 allows bucket elsewhere, which is in us-east-1: an endpoint in eu-west-1 reaches only buckets of its own region", finding.Message);
    }

    [Theory]
    [InlineData("arn:aws:s3:::elsewh*re/*")]
    [InlineData("arn:aws:s3:::unknown/*")]
    [InlineData("arn:aws:s3:::here")]
    [InlineData("*")]
    public void A_bucket_of_the_region_a_wildcard_or_one_whose_region_is_unknown_is_no_finding(string resource) =>
        Assert.Empty(Lint(Policy($$"""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"{{resource}}"}""")));

    [Fact]
    public void Another_service_names_no_buckets_and_a_deny_of_one_is_not_an_allow()
    {
        const string elsewhere = """{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::elsewhere/*"}""";
        Assert.Empty(EndpointPolicyLint.NamedBuckets("com.amazonaws.eu-west-1.dynamodb", Policy(elsewhere)));
        Assert.Equal(["elsewhere"], EndpointPolicyLint.NamedBuckets(S3, Policy(elsewhere)));
        Assert.Empty(EndpointPolicyLint.NamedBuckets(S3, Policy(AllowAll, """{"Effect":"Deny","Principal":"*","Action":"*","Resource":"arn:aws:s3:::elsewhere"}""")));
    }

    [Fact]
    public void The_buckets_looked_up_are_bounded()
    {
        var resources = string.Join(",", Enumerable.Range(0, 80).Select(i => $"\"arn:aws:s3:::bucket-{i}\""));
        Assert.Equal(EndpointPolicyLint.MaxBucketsLooked,
            EndpointPolicyLint.NamedBuckets(S3, Policy($$"""{"Effect":"Allow","Principal":"*","Action":"*","Resource":[{{resources}}]}""")).Count);
    }

    [Fact]
    public void A_policy_on_a_service_that_ignores_endpoint_policies_is_a_finding_unless_it_is_full_access()
    {
        const string iot = "com.amazonaws.eu-west-1.iot.data";
        var finding = Assert.Single(Lint(Policy("""{"Effect":"Allow","Principal":"*","Action":"iot:Publish","Resource":"*"}"""), iot, supported: false));
        Assert.Equal(PolicyFindingReasons.PolicyIgnored, finding.Reason);
        Assert.Contains("allows full access through this endpoint whatever spec.policyDocument says", finding.Message);
        Assert.Empty(Lint(Policy(AllowAll), iot, supported: false));
    }

    [Theory]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:PutBucketPolicy","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/vpce-operator"},"Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/platform/vpce-operator"},"Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/other"},"Action":"*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":{"Service":"ec2.amazonaws.com"},"Action":"*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/break-glass"},"Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/vpce-operator"},"Action":"*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/break-glass"}}}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalArn":["arn:aws:iam::123456789012:role/break-glass","arn:aws:iam::123456789012:role/vpce-operator"]}}}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:principalarn":"arn:aws:iam::123456789012:role/vpce-*"}}}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/vpce-*"}}}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}""", true)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"123456789012"}}}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/vpce-operator"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""", false)]
    public void A_deny_that_certainly_applies_to_the_operator_is_a_finding(string statement, bool denies)
    {
        var findings = Lint(Policy(AllowAll, statement), service: "com.amazonaws.eu-west-1.ec2");
        Assert.Equal(denies, findings.Any(f => f.Reason == PolicyFindingReasons.DeniesOperator));
    }

    [Fact]
    public void The_operators_deny_names_the_principal_and_the_actions_and_needs_the_identity()
    {
        var policy = Policy(AllowAll, """{"Sid":"NoPolicyWrites","Effect":"Deny","Principal":"*","NotAction":"s3:Get*","Resource":"*"}""");
        var finding = Assert.Single(Lint(policy));
        Assert.Equal($"statement NoPolicyWrites denies the operator's own principal {Operator} (every action but s3:Get*): its calls through this endpoint would be refused", finding.Message);
        Assert.Empty(Lint(policy, operatorArn: null));
    }

    [Fact]
    public void Several_findings_come_together_in_a_stable_order()
    {
        var findings = Lint(Policy("""{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}"""), service: "com.amazonaws.eu-west-1.iot.data", supported: false);
        Assert.Equal([PolicyFindingReasons.PolicyIgnored, PolicyFindingReasons.AllowsNothing, PolicyFindingReasons.DeniesOperator], findings.Select(f => f.Reason));
    }
}
