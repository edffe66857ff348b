using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>The simulated S3 answers every call as the bucket policy's Deny statements decide for the world's caller, as
/// AWS does: 403 AccessDenied to anyone the statement applies to, the account root spared for the policy calls only.</summary>
public sealed class S3PolicyEnforcementTests
{
    private const string Bucket = "demo-bucket";
    private const string Operator = "arn:aws:iam::123456789012:role/vpce-operator";
    private const string OperatorSession = "arn:aws:sts::123456789012:assumed-role/vpce-operator/pod-1";
    private readonly TestAccount _account = new();

    public S3PolicyEnforcementTests()
    {
        _account.Aws.World.CreateBucket(Bucket, TestAccount.Region);
        _account.Aws.World.CreateIamRole(Operator);
        _account.Aws.World.SetCallerIdentity(OperatorSession, "123456789012", "AROAOPERATOR000000001:pod-1");
    }

    private IS3Api S3 => _account.Aws.S3;

    private static string DenyUnless(string condition) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"OnlyThroughTheEndpoint","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{{Bucket}}","arn:aws:s3:::{{Bucket}}/*"],"Condition":{{condition}}}]}""";

    private void Set(string policy) => _account.Aws.Tamper.SetBucketPolicy(Bucket, policy);

    private async Task<string?> DeniedAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            Assert.Equal(403, e.StatusCode);
            return e.Message;
        }
    }

    private Task<string?> GetAsync() => DeniedAsync(() => S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, default));

    [Fact]
    public async Task A_deny_that_does_not_exempt_the_caller_refuses_every_call_the_policy_calls_included()
    {
        var policy = DenyUnless("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}""");
        Set(policy);

        Assert.Equal(
            $"AccessDenied: User: {OperatorSession} is not authorized to perform: s3:GetBucketPolicy on resource: \"arn:aws:s3:::{Bucket}\" with an explicit deny in a resource-based policy",
            await GetAsync());
        Assert.NotNull(await DeniedAsync(() => S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, null, default)));
        Assert.NotNull(await DeniedAsync(() => S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, null, default)));
        Assert.NotNull(await DeniedAsync(() => S3.GetBucketRegionAsync(Bucket, null, default)));
        Assert.Equal(policy, _account.Aws.World.BucketPolicy(Bucket));
    }

    [Fact]
    public async Task Only_the_account_root_may_still_read_replace_and_delete_the_policy()
    {
        Set(DenyUnless("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}"""));
        _account.Aws.World.SetCallerIdentity("arn:aws:iam::123456789012:root", "123456789012", "123456789012");

        Assert.Null(await GetAsync());
        Assert.NotNull(await DeniedAsync(() => S3.GetBucketRegionAsync(Bucket, null, default)));
        Assert.Null(await DeniedAsync(() => S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, null, default)));
        Assert.Null(_account.Aws.World.BucketPolicy(Bucket));
    }

    [Theory]
    // Exempt by its role: aws:PrincipalArn of a role session is the role's ARN.
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"},"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::123456789012:role/break-glass","arn:aws:iam::123456789012:role/vpce-operator"]}}""", null, false)]
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"},"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/vpce-*"}}""", null, false)]
    // A session ARN is not what aws:PrincipalArn holds, so it exempts nobody.
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:sts::123456789012:assumed-role/vpce-operator/*"}}""", null, true)]
    // Through the endpoint named, the negated key test is false; through another, true.
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":["vpce-0123","vpce-0456"]}}""", "vpce-0456", false)]
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}""", "vpce-0999", true)]
    // aws:SourceVpc: the call carries it only through an endpoint; IfExists holds when the key is missing.
    [InlineData("""{"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-0aaa"}}""", null, true)]
    [InlineData("""{"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-0aaa"}}""", "vpce-0123", false)]
    [InlineData("""{"StringEquals":{"aws:SourceVpc":"vpc-0aaa"}}""", "vpce-0123", true)]
    [InlineData("""{"StringLike":{"aws:SourceVpc":"vpc-0b*"}}""", "vpce-0123", false)]
    // ForAnyValue with a key the request lacks never matches; ForAllValues always does.
    [InlineData("""{"ForAnyValue:StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}""", null, false)]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:SourceVpce":"vpce-0123"}}""", null, true)]
    [InlineData("""{"ForAnyValue:StringEquals":{"aws:PrincipalArn":["arn:aws:iam::123456789012:role/vpce-operator"]}}""", null, true)]
    // Null and Bool: the SDK's calls are HTTPS.
    [InlineData("""{"Null":{"aws:SourceVpce":"true"}}""", null, true)]
    [InlineData("""{"Bool":{"aws:SecureTransport":"false"}}""", null, false)]
    // An operator the simulator does not model: the statement does not apply.
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", null, false)]
    public async Task Conditions_decide_as_IAM_evaluates_them(string condition, string? throughEndpoint, bool denied)
    {
        _account.Aws.World.SetCallerSource(throughEndpoint, throughEndpoint is null ? null : "vpc-0aaa");
        Set(DenyUnless(condition));

        Assert.Equal(denied, await GetAsync() is not null);
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:role/vpce-operator"}""", "s3:GetBucketPolicy", true)]
    [InlineData("""{"AWS":"123456789012"}""", "s3:Get*", true)]
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:role/break-glass"}""", "s3:*", false)]
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:role/vpce-operator"}""", "s3:PutObject", false)]
    [InlineData("""{"Service":"logging.s3.amazonaws.com"}""", "s3:*", false)]
    public async Task A_deny_applies_only_to_its_principals_and_actions(string principal, string action, bool denied)
    {
        _account.Aws.World.CreateIamRole("arn:aws:iam::123456789012:role/break-glass");
        Set($$"""{"Statement":[{"Effect":"Deny","Principal":{{principal}},"Action":"{{action}}","Resource":"arn:aws:s3:::{{Bucket}}"}]}""");

        Assert.Equal(denied, await GetAsync() is not null);
    }

    [Fact]
    public async Task NotAction_and_NotResource_deny_everything_else()
    {
        Set($$"""{"Statement":[{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"arn:aws:s3:::{{Bucket}}"}]}""");
        Assert.NotNull(await GetAsync());
        Set($$"""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::{{Bucket}}"}]}""");
        Assert.Null(await GetAsync());
    }

    [Fact]
    public async Task An_allow_never_refuses()
    {
        Set($$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::{{Bucket}}"}]}""");
        Assert.Null(await GetAsync());
    }
}
