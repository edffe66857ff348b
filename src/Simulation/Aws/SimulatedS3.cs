using System.Text.Json;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>S3 bucket location and bucket policies, with S3's checks on policies.</summary>
internal sealed class SimulatedS3(SimulatedWorld world, AwsCallGate gate) : IS3Api
{
    /// <summary>S3's bucket policy limit: 20 KB, counted with the whitespace taken out.</summary>
    public const int MaxPolicyBytes = 20 * 1024;

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
            return BucketIn(region, bucket).Policy;
    }

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, CancellationToken ct)
    {
        await gate.PassAsync("s3:PutBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var target = BucketIn(region, bucket);
            Validate(bucket, policy);
            target.Policy = policy;
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

    private static void Validate(string bucket, string policy)
    {
        using var parsed = PolicyDocuments.TryParse(policy) ?? throw Malformed("This policy contains invalid Json");
        if (PolicyDocuments.NormalizedSize(parsed) > MaxPolicyBytes)
            throw Malformed("Policies must be less than 20KB");
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw Malformed("This policy contains invalid Json");
        if (!root.TryGetProperty("Statement", out var statements))
            throw Malformed("Missing required field Statement");
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements])
        {
            if (statement.ValueKind != JsonValueKind.Object)
                throw Malformed("This policy contains invalid Json");
            if (!statement.TryGetProperty("Effect", out _))
                throw Malformed("Missing required field Effect");
            if (!statement.TryGetProperty("Resource", out var resources) && !statement.TryGetProperty("NotResource", out resources))
                throw Malformed("Missing required field Resource");
            // A bucket policy may only name the bucket and its objects.
            foreach (var resource in resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : [resources])
                if (resource.ValueKind != JsonValueKind.String || resource.GetString() is not { } arn || !(arn == $"arn:aws:s3:::{bucket}" || arn.StartsWith($"arn:aws:s3:::{bucket}/", StringComparison.Ordinal)))
                    throw Malformed("Policy has invalid resource");
        }
    }

    private static AwsApiException Malformed(string message) => new(AwsErrorCodes.MalformedPolicy, message);
}
