using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class S3SimulationTests
{
    private const string Bucket = "demo-bucket";
    private readonly TestAccount _account = new();

    public S3SimulationTests() => _account.Aws.World.CreateBucket(Bucket, TestAccount.Region);

    private IS3Api S3 => _account.Aws.S3;

    private static string PolicyOfSize(int padding) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{new string('x', padding)}}","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{{Bucket}}","arn:aws:s3:::{{Bucket}}/*"]}]}""";

    [Fact]
    public async Task Buckets_have_regions_and_unknown_ones_are_no_such_bucket()
    {
        Assert.Equal(TestAccount.Region, await S3.GetBucketRegionAsync(Bucket, CancellationToken.None));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.GetBucketRegionAsync("missing", CancellationToken.None));
        Assert.Equal(AwsErrorCodes.NoSuchBucket, error.Code);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task A_policy_is_put_read_and_deleted()
    {
        Assert.Null(await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None));

        var policy = PolicyOfSize(1);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, CancellationToken.None);
        Assert.Equal(policy, await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None));

        await S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None);
        Assert.Null(await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None));
        await S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None);
    }

    [Fact]
    public async Task Policies_over_20_KB_are_refused_but_whitespace_does_not_count()
    {
        var justFits = PolicyOfSize(1);
        justFits = PolicyOfSize(20 * 1024 - justFits.Length + 1);
        Assert.Equal(20 * 1024, justFits.Length);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, justFits.Replace(",", ",\n    "), CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, PolicyOfSize(20 * 1024), CancellationToken.None));

        Assert.Equal(AwsErrorCodes.MalformedPolicy, error.Code);
        Assert.Contains("20KB", error.Message);
    }

    [Theory]
    [InlineData("{not json", "invalid Json")]
    [InlineData("""{"Version":"2012-10-17"}""", "Statement")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::other-bucket/*"}]}""", "invalid resource")]
    public async Task Malformed_policies_are_refused_and_the_old_one_kept(string policy, string message)
    {
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, PolicyOfSize(1), CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, CancellationToken.None));

        Assert.Equal(AwsErrorCodes.MalformedPolicy, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Equal(PolicyOfSize(1), await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, CancellationToken.None));
    }

    [Fact]
    public async Task A_bucket_addressed_in_the_wrong_region_is_redirected()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.GetBucketPolicyAsync("us-east-1", Bucket, CancellationToken.None));

        Assert.Equal("PermanentRedirect", error.Code);
        Assert.Equal(301, error.StatusCode);
    }

    [Fact]
    public async Task Caller_identity_is_the_configured_one()
    {
        _account.Aws.World.SetCallerIdentity("arn:aws:sts::111122223333:assumed-role/vpce-operator/pod", "111122223333");

        var identity = await _account.Aws.Sts.GetCallerIdentityAsync(TestAccount.Region, CancellationToken.None);

        Assert.Equal("111122223333", identity.Account);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/vpce-operator/pod", identity.Arn);
        Assert.Equal(1, _account.Aws.Calls["sts:GetCallerIdentity"]);
    }
}
