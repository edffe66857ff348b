using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads a bucket's region and policy: from the bucket snapshot on a resync, fresh before a write. Never writes.
/// A missing bucket is a problem, not an error.</summary>
public sealed class BucketReader(IS3Api s3, BucketSnapshot snapshot)
{
    public async Task<(BucketReading? Reading, ObserveProblem? Problem)> ReadAsync(string bucket, CancellationToken ct)
    {
        string region;
        try
        {
            region = await snapshot.RegionAsync(bucket, ct);
        }
        catch (AwsApiException e) when (e.Code == AwsErrorCodes.NoSuchBucket)
        {
            snapshot.Forget(bucket);
            return (null, new(ObserveReasons.BucketNotFound, "spec.bucket", $"bucket {bucket} does not exist"));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketLocation", bucket);
        }
        try
        {
            return (new BucketReading(bucket, region, await snapshot.PolicyAsync(bucket, region, ct)), null);
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketPolicy", bucket);
        }
    }

    /// <summary>The bucket's policy now, from S3 itself (right before a write, or to confirm a difference the snapshot shows).</summary>
    public async Task<BucketReading> ReadPolicyAsync(string bucket, string region, CancellationToken ct)
    {
        try
        {
            var policy = await s3.GetBucketPolicyAsync(region, bucket, ct);
            snapshot.Record(bucket, policy);
            return new BucketReading(bucket, region, policy);
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketPolicy", bucket);
        }
    }

    /// <summary>What the operator just wrote (null: it deleted the policy).</summary>
    public void Wrote(string bucket, string? policy) => snapshot.Record(bucket, policy);
}
