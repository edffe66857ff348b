using Amazon.S3.Model;
using Amazon.S3;

namespace Vpce.Tests.Contract.Aws;

public sealed class SdkS3StsContractTests : IClassFixture<AwsNetwork>
{
    private readonly AwsNetwork _net;

    public SdkS3StsContractTests(AwsNetwork net) => _net = net;

    [AwsContractFact]
    public async Task Bucket_region_and_policy_get_put_delete()
    {
        var url = Environment.GetEnvironmentVariable(AwsContractFactAttribute.Variable)!;
        var bucket = "contract-" + _net.RunId;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "eu-west-1" }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = S3Region.EUWest1 });
        }
        var api = _net.Apis.S3;
        Assert.Equal("eu-west-1", await api.GetBucketRegionAsync(bucket, default));
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, default));

        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}}]}"""
            .Replace("BUCKET", bucket);
        await api.PutBucketPolicyAsync("eu-west-1", bucket, policy, default);
        Assert.True(Vpce.Operator.Model.PolicyDocument.Equivalent(policy, (await api.GetBucketPolicyAsync("eu-west-1", bucket, default))!));
        await api.DeleteBucketPolicyAsync("eu-west-1", bucket, default);
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, default));
    }

    [AwsContractFact]
    public async Task Bucket_location_in_two_regions()
    {
        var url = Environment.GetEnvironmentVariable(AwsContractFactAttribute.Variable)!;
        var east = "contract-east-" + _net.RunId;
        var west = "contract-west-" + _net.RunId;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            // us-east-1 is the bucket with no LocationConstraint: GetBucketLocation answers null for it.
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = east, BucketRegion = S3Region.USEast1 });
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = west, BucketRegion = S3Region.EUWest2 });
        }
        Assert.Equal("us-east-1", await _net.Apis.S3.GetBucketRegionAsync(east, default));
        Assert.Equal("eu-west-2", await _net.Apis.S3.GetBucketRegionAsync(west, default));
    }

    [AwsContractFact]
    public async Task A_missing_bucket_is_NoSuchBucket()
    {
        var e = await Assert.ThrowsAsync<Vpce.Ports.Aws.AwsApiException>(() => _net.Apis.S3.GetBucketRegionAsync("missing-" + _net.RunId, default));
        Assert.Equal(Vpce.Ports.Aws.AwsErrorCodes.NoSuchBucket, e.Code);
    }

    [AwsContractFact]
    public async Task Caller_identity()
    {
        var identity = await _net.Apis.Sts.GetCallerIdentityAsync("eu-west-1", default);
        Assert.Matches("^[0-9]{12}$", identity.Account);
        Assert.StartsWith("arn:aws:", identity.Arn);
    }
}
