namespace Vpce.Tests.Deploy;

/// <summary>The IAM evaluator itself, on small policies: the parts of IAM's evaluation the shipped policies lean on, where a
/// wrong answer here would pass a policy that AWS evaluates otherwise.</summary>
public sealed class IamEvaluatorTests
{
    private const string Endpoint = "arn:aws:ec2:eu-west-1:111122223333:vpc-endpoint/vpce-0123456789abcdef0";

    private static IamPolicy WithCondition(string condition) => IamPolicy.Parse(
        $$"""{"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Action": "ec2:DeleteTags", "Resource": "*", "Condition": {{condition}}}]}""");

    [Theory]
    [InlineData("ForAllValues:StringNotLike", true)]
    [InlineData("ForAllValues:StringLike", true)]
    [InlineData("ForAllValues:StringEquals", true)]
    [InlineData("ForAnyValue:StringNotLike", false)]
    [InlineData("ForAnyValue:StringLike", false)]
    [InlineData("ForAnyValue:StringEquals", false)]
    public void A_set_operator_over_a_missing_key_is_true_for_ForAllValues_and_false_for_ForAnyValue(string op, bool holds)
    {
        // reference_policies_condition-single-vs-multi-valued-context-keys: ForAllValues is true when the key is missing
        // (nothing in the request fails it), ForAnyValue false (nothing in the request passes it).
        var policy = WithCondition("{\"" + op + "\": {\"aws:TagKeys\": \"team\"}}");
        Assert.Equal(holds, policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint)) is not null);
    }

    [Theory]
    [InlineData("ForAllValues:StringNotLike", "vpce.io/*", new[] { "team", "owner" }, true)]
    [InlineData("ForAllValues:StringNotLike", "vpce.io/*", new[] { "team", "vpce.io/name" }, false)]
    [InlineData("ForAllValues:StringLike", "vpce.io/*", new[] { "vpce.io/cluster", "vpce.io/name" }, true)]
    [InlineData("ForAllValues:StringLike", "vpce.io/*", new[] { "vpce.io/cluster", "team" }, false)]
    [InlineData("ForAllValues:StringEquals", "team", new[] { "team" }, true)]
    [InlineData("ForAllValues:StringEquals", "team", new[] { "team", "owner" }, false)]
    [InlineData("ForAnyValue:StringLike", "vpce.io/*", new[] { "team", "vpce.io/name" }, true)]
    [InlineData("ForAnyValue:StringLike", "vpce.io/*", new[] { "team", "owner" }, false)]
    [InlineData("ForAnyValue:StringEquals", "team", new[] { "owner", "team" }, true)]
    [InlineData("ForAnyValue:StringNotLike", "vpce.io/*", new[] { "vpce.io/name", "team" }, true)]
    [InlineData("ForAnyValue:StringNotLike", "vpce.io/*", new[] { "vpce.io/name" }, false)]
    public void A_set_operator_over_present_values_tests_all_or_any_of_them(string op, string pattern, string[] keys, bool holds)
    {
        var policy = WithCondition("{\"" + op + "\": {\"aws:TagKeys\": \"" + pattern + "\"}}");
        var request = IamRequest.Of("ec2:DeleteTags", Endpoint, keys.Select(k => ("aws:TagKeys", k)).ToArray());
        Assert.Equal(holds, policy.AllowedBy(request) is not null);
    }

    [Fact]
    public void A_policy_variable_in_a_condition_value_is_the_requests_value_of_that_key()
    {
        var policy = IamPolicy.Parse("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Action": "ec2:CreateVpcEndpoint", "Resource": "*",
              "Condition": {"StringEquals": {"ec2:VpceServiceOwner": ["amazon", "${aws:PrincipalAccount}"]}}}]}
            """);
        IamRequest Create(string owner, string? account) => account is null
            ? IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, ("ec2:VpceServiceOwner", owner))
            : IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, ("ec2:VpceServiceOwner", owner), ("aws:PrincipalAccount", account));
        Assert.NotNull(policy.AllowedBy(Create("111122223333", "111122223333")));
        Assert.NotNull(policy.AllowedBy(Create("amazon", "111122223333")));
        Assert.Null(policy.AllowedBy(Create("999999999999", "111122223333")));
        // A variable whose key the request lacks matches nothing, not even its own text.
        Assert.Null(policy.AllowedBy(Create("${aws:PrincipalAccount}", null)));
        Assert.NotNull(policy.AllowedBy(Create("amazon", null)));
    }

    [Fact]
    public void A_condition_key_the_evaluator_does_not_model_is_refused() =>
        Assert.Throws<NotSupportedException>(() => IamPolicy.Parse("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Action": "ec2:CreateVpcEndpoint", "Resource": "*",
              "Condition": {"StringEquals": {"ec2:VpceServiceNmae": "com.amazonaws.eu-west-1.s3"}}}]}
            """));

    [Fact]
    public void A_Null_check_beside_ForAllValues_requires_the_key()
    {
        // The documented guard: "Null": {"aws:TagKeys": "false"} makes a request without the key fail the statement.
        var policy = WithCondition("""{"Null": {"aws:TagKeys": "false"}, "ForAllValues:StringNotLike": {"aws:TagKeys": "vpce.io/*"}}""");
        Assert.Null(policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint)));
        Assert.NotNull(policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, ("aws:TagKeys", "team"))));
        Assert.Null(policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, ("aws:TagKeys", "team"), ("aws:TagKeys", "vpce.io/name"))));
    }
}
