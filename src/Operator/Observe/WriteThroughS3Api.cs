using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The S3 port as the controllers use it: every policy read fresh and every successful write lands in the bucket
/// snapshot, so no reader or applier has to remember to tell it.</summary>
public sealed class WriteThroughS3Api(IS3Api inner, BucketSnapshot snapshot) : IS3Api
{
    public Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct) =>
        inner.GetBucketRegionAsync(bucket, expectedOwner, ct);

    public async Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct)
    {
        var policy = await inner.GetBucketPolicyAsync(region, bucket, expectedOwner, ct);
        snapshot.Record(bucket, policy);
        return policy;
    }

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct)
    {
        await inner.PutBucketPolicyAsync(region, bucket, policy, expectedOwner, ct);
        snapshot.Record(bucket, policy);
    }

    public async Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct)
    {
        await inner.DeleteBucketPolicyAsync(region, bucket, expectedOwner, ct);
        snapshot.Record(bucket, null);
    }
}
