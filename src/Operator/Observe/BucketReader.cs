using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads a bucket's region and policy. Never writes. A missing bucket is a problem, not an error.</summary>
public sealed class BucketReader(IS3Api s3)
{
    public async Task<(BucketReading? Reading, ObserveProblem? Problem)> ReadAsync(string bucket, CancellationToken ct)
    {
        string region;
        try
        {
            region = await s3.GetBucketRegionAsync(bucket, ct);
        }
        catch (AwsApiException e) when (e.Code == AwsErrorCodes.NoSuchBucket)
        {
            return (null, new(ObserveReasons.BucketNotFound, "spec.bucket", $"bucket {bucket} does not exist"));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketLocation", bucket);
        }
        return (await ReadPolicyAsync(bucket, region, ct), null);
    }

    /// <summary>The bucket's policy now, read again right before a write.</summary>
    public async Task<BucketReading> ReadPolicyAsync(string bucket, string region, CancellationToken ct)
    {
        try
        {
            return new BucketReading(bucket, region, await s3.GetBucketPolicyAsync(region, bucket, ct));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketPolicy", bucket);
        }
    }
}
