namespace Vpce.Ports.Aws;

/// <summary>The S3 calls the operator makes. Errors are <see cref="AwsApiException"/>.</summary>
public interface IS3Api
{
    /// <summary>The bucket's region: GetBucketLocation's answer mapped by <see cref="BucketRegions"/>.</summary>
    Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct);
    /// <summary>The policy JSON, or null when the bucket has none.</summary>
    Task<string?> GetBucketPolicyAsync(string region, string bucket, CancellationToken ct);
    Task PutBucketPolicyAsync(string region, string bucket, string policy, CancellationToken ct);
    Task DeleteBucketPolicyAsync(string region, string bucket, CancellationToken ct);
}
