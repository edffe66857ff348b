using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>S3 with a session's credentials (<see cref="SessionApis"/>).</summary>
internal sealed class SessionS3(SessionApis session) : IS3Api
{
    public async Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct) =>
        await session.For("s3").S3.GetBucketRegionAsync(bucket, expectedOwner, ct).ConfigureAwait(false);

    public async Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        await session.For("s3").S3.GetBucketPolicyAsync(region, bucket, expectedOwner, ct).ConfigureAwait(false);

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct) =>
        await session.For("s3").S3.PutBucketPolicyAsync(region, bucket, policy, expectedOwner, ct).ConfigureAwait(false);

    public async Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        await session.For("s3").S3.DeleteBucketPolicyAsync(region, bucket, expectedOwner, ct).ConfigureAwait(false);
}
