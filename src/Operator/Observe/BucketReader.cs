using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads a bucket's region and policy from the bucket snapshot (the applier reads fresh under the bucket's lock
/// before it writes). Never writes.
/// A missing bucket, or one another account owns now (BucketOwnerMismatch), is a problem, not an error.</summary>
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
        catch (AwsApiException e) when (BucketOwnerMismatch.Is(e))
        {
            return (null, await MismatchAsync(bucket, "s3:GetBucketLocation", ct));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketLocation", bucket);
        }
        try
        {
            return (new BucketReading(bucket, region, await snapshot.PolicyAsync(bucket, region, ct)), null);
        }
        catch (AwsApiException e) when (BucketOwnerMismatch.Is(e))
        {
            return (null, await MismatchAsync(bucket, "s3:GetBucketPolicy", ct));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketPolicy", bucket);
        }
    }

    /// <summary>Another account owns the bucket now: forgotten, and a problem that writes nothing.</summary>
    private async Task<ObserveProblem> MismatchAsync(string bucket, string action, CancellationToken ct)
    {
        snapshot.Forget(bucket);
        var refusal = BucketOwnerMismatch.Refusal(bucket, await snapshot.OwnerAsync(ct), action);
        return new(refusal.Reason, null, refusal.Message);
    }
}
