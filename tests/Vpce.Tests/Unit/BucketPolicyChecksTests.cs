using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class BucketPolicyChecksTests
{
    private const string Operator = "arn:aws:sts::123456789012:assumed-role/vpce-operator/session";
    private const string OperatorRole = "arn:aws:iam::123456789012:role/vpce-operator";

    private static DesiredStatement Statement(params string[] exempt) => new()
    {
        Sid = "VpceReportsPrivatePlatform", Bucket = "reports-bucket", Actions = ["s3:*"], EndpointIds = ["vpce-0123"],
        ExemptPrincipalArns = exempt,
    };

    private static string PolicyOfSize(int bytes)
    {
        var prefix = """{"Version":"2012-10-17","Statement":[{"Sid":"Pad","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/""";
        var suffix = "\"}]}";
        return prefix + new string('x', bytes - prefix.Length - suffix.Length) + suffix;
    }

    [Theory]
    [InlineData("eu-west-1", "eu-west-1", null)]
    [InlineData("us-east-1", "eu-west-1", BucketPolicyReasons.RegionMismatch)]
    public void The_bucket_must_be_in_the_endpoints_region(string bucketRegion, string endpointRegion, string? reason) =>
        Assert.Equal(reason, BucketPolicyChecks.CheckRegion("reports-bucket", bucketRegion, endpointRegion)?.Reason);

    [Fact]
    public void An_operator_not_exempt_would_lock_itself_out()
    {
        var refusal = BucketPolicyChecks.CheckOperatorExempt(Operator, Statement("arn:aws:iam::123456789012:role/break-glass"));
        Assert.Equal(BucketPolicyReasons.WouldLockOutOperator, refusal?.Reason);
        Assert.Contains(OperatorRole, refusal!.Message);
    }

    [Theory]
    [InlineData(OperatorRole)]
    [InlineData("arn:aws:iam::123456789012:role/vpce-*")]
    [InlineData("arn:aws:iam::123456789012:role/operators/vpce-operator")]
    public void An_exempt_operator_passes(string exemption) =>
        Assert.Null(BucketPolicyChecks.CheckOperatorExempt(Operator, Statement(exemption)));

    [Fact]
    public void The_assumed_role_session_ARN_is_not_what_aws_PrincipalArn_compares() =>
        // aws:PrincipalArn of a role session is the role's ARN, so exempting the session ARN exempts nothing.
        Assert.NotNull(BucketPolicyChecks.CheckOperatorExempt(Operator, Statement(Operator)));

    [Theory]
    [InlineData(BucketPolicyLimits.MaxBytes, null)]
    [InlineData(BucketPolicyLimits.MaxBytes + 1, BucketPolicyReasons.PolicyTooLarge)]
    public void The_merged_policy_must_be_within_20_KB(int bytes, string? reason)
    {
        var policy = PolicyOfSize(bytes);
        Assert.Equal(bytes, BucketPolicyLimits.SizeInBytes(policy));
        Assert.Equal(reason, BucketPolicyChecks.CheckSize("reports-bucket", policy)?.Reason);
    }

    [Fact]
    public void Whitespace_does_not_count_against_the_limit()
    {
        var policy = PolicyOfSize(BucketPolicyLimits.MaxBytes).Replace(",", ",\n        ");
        Assert.True(policy.Length > BucketPolicyLimits.MaxBytes);
        Assert.True(BucketPolicyLimits.Fits(policy));
    }

    [Fact]
    public void Size_is_counted_in_UTF_8_bytes()
    {
        var policy = """{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/é"}]}""";
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(policy), BucketPolicyLimits.SizeInBytes(policy));
        Assert.Equal(policy.Length + 1, BucketPolicyLimits.SizeInBytes(policy));
    }
}
