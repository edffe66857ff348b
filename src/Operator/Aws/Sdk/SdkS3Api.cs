using Amazon.S3;
using Amazon.S3.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>The S3 port on AWSSDK.S3: bucket location (asked in the location region, through clients of their own)
/// and bucket policies (in the bucket's region), each with S3's ExpectedBucketOwner when the caller names one.</summary>
public sealed class SdkS3Api(SdkClients<IAmazonS3> clients, SdkClients<IAmazonS3> locationClients, string locationRegion) : IS3Api
{
    public Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct) =>
        SdkErrors.Call("GetBucketLocation", async () =>
        {
            GetBucketLocationResponse response;
            try
            {
                response = await locationClients.For(locationRegion).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, ct);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound && e.ErrorCode is null or "NotFound")
            {
                // A 404 whose body the SDK could not read (moto answers text/html): for a location, that is the bucket.
                throw new AwsApiException(AwsErrorCodes.NoSuchBucket, $"bucket {bucket} does not exist", 404, e);
            }
            return BucketRegions.FromLocationConstraint(response.Location?.Value);
        }, ct);

    public Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        SdkErrors.Call("GetBucketPolicy", async () =>
        {
            try
            {
                var response = await clients.For(region).GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, ct);
                if (response.HttpStatusCode != System.Net.HttpStatusCode.OK)
                {
                    // The SDK hands some error answers (moto's 404 NoSuchBucketPolicy) back as the policy text.
                    var code = System.Text.RegularExpressions.Regex.Match(response.Policy ?? "", "<Code>([^<]+)</Code>").Groups[1].Value;
                    return code is "" or AwsErrorCodes.NoSuchBucketPolicy
                        ? null
                        : throw new AwsApiException(code, $"GetBucketPolicy {bucket}: {code}", (int)response.HttpStatusCode);
                }
                return string.IsNullOrEmpty(response.Policy) ? null : response.Policy;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == AwsErrorCodes.NoSuchBucketPolicy)
            {
                return null;
            }
        }, ct);

    public Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct) =>
        SdkErrors.Call("PutBucketPolicy", () => clients.For(region).PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy, ExpectedBucketOwner = expectedOwner }, ct), ct);

    public Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct) =>
        SdkErrors.Call("DeleteBucketPolicy", () => clients.For(region).DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, ct), ct);
}
