using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads a bucket's region and policy from the bucket snapshot (the applier reads fresh under the bucket's lock
/// before it writes). Never writes.
/// A missing bucket is a problem, not an error.</summary>
public sealed class BucketReader(BucketSnapshot snapshot)
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
}
