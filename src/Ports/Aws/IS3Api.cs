namespace Vpce.Ports.Aws;

/// <summary>The S3 calls the operator makes. Errors are <see cref="AwsApiException"/>.
///
/// <c>expectedOwner</c> is S3's ExpectedBucketOwner (x-amz-expected-bucket-owner): the 12-digit account the caller expects
/// to own the bucket. S3 answers 403 AccessDenied when another account owns it, so a bucket name that moved to another
/// account is never read or written (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).
/// Null sends no condition.</summary>
public interface IS3Api
{
    /// <summary>The bucket's region: GetBucketLocation's answer mapped by <see cref="BucketRegions"/>.</summary>
    Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct);
    /// <summary>The policy JSON, or null when the bucket has none.</summary>
    Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct);
    Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct);
    Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct);
}
