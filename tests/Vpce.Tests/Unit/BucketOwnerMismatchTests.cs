using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class BucketOwnerMismatchTests
{
    [Fact]
    public void S3s_bare_access_denied_is_the_owner_condition_failing() =>
        Assert.True(BucketOwnerMismatch.Is(new AwsApiException(AwsErrorCodes.AccessDenied, "Access Denied", 403)));

    [Theory]
    [InlineData(AwsErrorCodes.AccessDenied, "User: arn:aws:iam::123456789012:role/op is not authorized to perform: s3:GetBucketPolicy on resource: \"arn:aws:s3:::b\" because no identity-based policy allows the s3:GetBucketPolicy action")]
    [InlineData(AwsErrorCodes.NoSuchBucket, "Access Denied")]
    public void A_denial_with_a_reason_or_another_error_is_not(string code, string message) =>
        Assert.False(BucketOwnerMismatch.Is(new AwsApiException(code, message, 403)));

    [Fact]
    public void The_refusal_names_the_bucket_the_expected_owner_and_the_action()
    {
        var refusal = BucketOwnerMismatch.Refusal("reports", "123456789012", "s3:GetBucketPolicy");
        Assert.Equal(BucketPolicyReasons.BucketOwnerMismatch, refusal.Reason);
        Assert.Contains("reports", refusal.Message);
        Assert.Contains("123456789012", refusal.Message);
        Assert.Contains("s3:GetBucketPolicy", refusal.Message);
    }
}
