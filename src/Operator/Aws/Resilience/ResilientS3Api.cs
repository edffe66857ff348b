using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

public sealed class ResilientS3Api(IS3Api inner, AwsCallGuard guard) : IS3Api
{
    private const string Service = "s3";
    // GetBucketLocation is answered by any region; it is limited on a bucket of its own.
    private const string AnyRegion = "global";

    public Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct) =>
        guard.CallAsync(AnyRegion, Service, "GetBucketLocation", AwsActionClass.Other, t => inner.GetBucketRegionAsync(bucket, expectedOwner, t), ct);

    public Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        guard.CallAsync(region, Service, "GetBucketPolicy", AwsActionClass.Other, t => inner.GetBucketPolicyAsync(region, bucket, expectedOwner, t), ct);

    public Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct) =>
        guard.CallAsync(region, Service, "PutBucketPolicy", AwsActionClass.Other, t => inner.PutBucketPolicyAsync(region, bucket, policy, expectedOwner, t), ct);

    public Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        guard.CallAsync(region, Service, "DeleteBucketPolicy", AwsActionClass.Other, t => inner.DeleteBucketPolicyAsync(region, bucket, expectedOwner, t), ct);
}
