using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>S3 bucket location and bucket policies, with S3's checks on policies (<see cref="BucketPolicyDocuments"/>), kept and
/// shown as S3 keeps and shows them, and every call checked against the bucket policy's Deny statements
/// (<see cref="BucketPolicyEvaluation"/>) for the world's caller.</summary>
internal sealed class SimulatedS3(SimulatedWorld world, AwsCallGate gate) : IS3Api
{
    public async Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketLocation", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var found = Bucket(bucket);
            Authorize(found, "s3:GetBucketLocation");
            return found.Region;
        }
    }

    public async Task<string?> GetBucketPolicyAsync(string region, string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var found = BucketIn(region, bucket);
            Authorize(found, "s3:GetBucketPolicy");
            // S3 answers NoSuchBucketPolicy; the port turns that into null.
            return found.Policy is { } stored ? BucketPolicyDocuments.Show(stored, world.Iam) : null;
        }
    }

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, CancellationToken ct)
    {
        await gate.PassAsync("s3:PutBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var target = BucketIn(region, bucket);
            // The policy in force decides whether the caller may replace it.
            Authorize(target, "s3:PutBucketPolicy");
            BucketPolicyDocuments.Validate(bucket, policy, world.Iam);
            target.Policy = BucketPolicyDocuments.Store(policy, world.Iam);
        }
    }

    public async Task DeleteBucketPolicyAsync(string region, string bucket, CancellationToken ct)
    {
        await gate.PassAsync("s3:DeleteBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var target = BucketIn(region, bucket);
            Authorize(target, "s3:DeleteBucketPolicy");
            // Deleting a policy that is not there succeeds (204), as in S3.
            target.Policy = null;
        }
    }

    /// <summary>403 AccessDenied when a Deny statement of the bucket's policy applies to the call. The bucket owner's root user is
    /// spared for GetBucketPolicy, PutBucketPolicy and DeleteBucketPolicy, so a policy that denies everyone can still be
    /// removed (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html;
    /// https://repost.aws/knowledge-center/s3-accidentally-denied-access); nobody else is. The message is IAM's for an
    /// explicit deny (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).</summary>
    private void Authorize(SimBucket bucket, string action)
    {
        if (bucket.Policy is not { } stored)
            return;
        var caller = world.Caller;
        if (action is "s3:GetBucketPolicy" or "s3:PutBucketPolicy" or "s3:DeleteBucketPolicy" && caller.Arn == $"arn:aws:iam::{caller.Account}:root")
            return;
        var resource = $"arn:aws:s3:::{bucket.Name}";
        if (BucketPolicyDocuments.ShownObject(stored, world.Iam) is { } policy
            && BucketPolicyEvaluation.DeniedBy(policy, world.S3Request(action, resource)) is not null)
            throw new AwsApiException(AwsErrorCodes.AccessDenied,
                $"User: {caller.Arn} is not authorized to perform: {action} on resource: \"{resource}\" with an explicit deny in a resource-based policy", 403);
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
