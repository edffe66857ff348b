using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingS3Api(IS3Api inner, CrashSwitch crash) : IS3Api
{
    public Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.GetBucketRegionAsync(bucket, expectedOwner, ct));

    public Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.GetBucketPolicyAsync(region, bucket, expectedOwner, ct));

    public Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct) =>
        crash.MutateAsync($"PutBucketPolicy {bucket}", () => inner.PutBucketPolicyAsync(region, bucket, policy, expectedOwner, ct));

    public Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        crash.MutateAsync($"DeleteBucketPolicy {bucket}", () => inner.DeleteBucketPolicyAsync(region, bucket, expectedOwner, ct));
}
