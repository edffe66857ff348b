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
        Assert.Equal("eu-west-1", await api.GetBucketRegionAsync(bucket, null, default));
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, null, default));

        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}}]}"""
            .Replace("BUCKET", bucket);
        await api.PutBucketPolicyAsync("eu-west-1", bucket, policy, null, default);
        Assert.True(Vpce.Operator.Model.PolicyDocument.Equivalent(policy, (await api.GetBucketPolicyAsync("eu-west-1", bucket, null, default))!));
        await api.DeleteBucketPolicyAsync("eu-west-1", bucket, null, default);
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, null, default));
    }

    /// <summary>The adapter sends ExpectedBucketOwner (x-amz-expected-bucket-owner) on every call. Moto ignores the header (a
    /// rig departure, listed in the contract rig's README): the calls work whatever account it names, where AWS answers a
    /// foreign one with 403 AccessDenied (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html;
    /// the simulator does, and the component tests hold the operator to that answer).</summary>
    [AwsContractFact]
    public async Task Calls_carry_ExpectedBucketOwner_and_moto_ignores_it()
    {
        var url = Environment.GetEnvironmentVariable(AwsContractFactAttribute.Variable)!;
        var bucket = "contract-owner-" + _net.RunId;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "eu-west-1" }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = S3Region.EUWest1 });
        }
        var api = _net.Apis.S3;
        var owner = (await _net.Apis.Sts.GetCallerIdentityAsync("eu-west-1", default)).Account;
        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"VpceOwner","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}}]}"""
            .Replace("BUCKET", bucket);

        Assert.Equal("eu-west-1", await api.GetBucketRegionAsync(bucket, owner, default));
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, owner, default));
        await api.PutBucketPolicyAsync("eu-west-1", bucket, policy, owner, default);
        Assert.True(Vpce.Operator.Model.PolicyDocument.Equivalent(policy, (await api.GetBucketPolicyAsync("eu-west-1", bucket, owner, default))!));

        // Another account named: AWS would refuse each of these; moto answers as if the header were absent.
        const string foreign = "999988887777";
        Assert.Equal("eu-west-1", await api.GetBucketRegionAsync(bucket, foreign, default));
        Assert.NotNull(await api.GetBucketPolicyAsync("eu-west-1", bucket, foreign, default));
        await api.DeleteBucketPolicyAsync("eu-west-1", bucket, foreign, default);
        Assert.Null(await api.GetBucketPolicyAsync("eu-west-1", bucket, owner, default));
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
        Assert.Equal("us-east-1", await _net.Apis.S3.GetBucketRegionAsync(east, null, default));
        Assert.Equal("eu-west-2", await _net.Apis.S3.GetBucketRegionAsync(west, null, default));
    }

    [AwsContractFact]
    public async Task A_missing_bucket_is_NoSuchBucket()
    {
        var e = await Assert.ThrowsAsync<Vpce.Ports.Aws.AwsApiException>(() => _net.Apis.S3.GetBucketRegionAsync("missing-" + _net.RunId, null, default));
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
