using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>S3 bucket location and bucket policies, with S3's checks on policies (<see cref="BucketPolicyDocuments"/>), kept and
/// shown as S3 keeps and shows them.</summary>
internal sealed class SimulatedS3(SimulatedWorld world, AwsCallGate gate) : IS3Api
{
    public async Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketLocation", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
            return Bucket(bucket).Region;
    }

    public async Task<string?> GetBucketPolicyAsync(string region, string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
            // S3 answers NoSuchBucketPolicy; the port turns that into null.
            return BucketIn(region, bucket).Policy is { } stored ? BucketPolicyDocuments.Show(stored, world.Iam) : null;
    }

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, CancellationToken ct)
    {
        await gate.PassAsync("s3:PutBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var target = BucketIn(region, bucket);
            BucketPolicyDocuments.Validate(bucket, policy, world.Iam);
            target.Policy = BucketPolicyDocuments.Store(policy, world.Iam);
        }
    }

    public async Task DeleteBucketPolicyAsync(string region, string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:DeleteBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
            // Deleting a policy that is not there succeeds (204), as in S3.
            BucketIn(region, bucket).Policy = null;
    }

    private SimBucket Bucket(string bucket) =>
        world.Buckets.GetValueOrDefault(bucket) ?? throw new AwsApiException(AwsErrorCodes.NoSuchBucket, "The specified bucket does not exist", 404);

    /// <summary>A bucket addressed through another region's endpoint is redirected by S3, not served.</summary>
    private SimBucket BucketIn(string region, string bucket)
    {
        var found = Bucket(bucket);
        if (found.Region != region)
            throw new AwsApiException("PermanentRedirect",
                $"The bucket you are attempting to access must be addressed using the specified endpoint ({found.Region}). Please send all future requests to this endpoint.", 301);
        return found;
    }
}
