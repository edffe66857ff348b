using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The reads both controllers share: each bucket's location (and policy) once per window however many objects of
/// either kind name the bucket, and the operator's own identity once per start. A bucket one controller forgets is read
/// again by the other when it next asks: a miss, never a wrong answer.</summary>
public sealed record AccountReads(BucketSnapshot Buckets, CallerIdentityCache Identity)
{
    public static AccountReads For(IAwsApis aws, TimeProvider time, TimeSpan window, string? defaultRegion)
    {
        // STS answers from any region; the operator's own (or us-east-1) is where it asks.
        var identity = new CallerIdentityCache(aws.Sts, defaultRegion ?? "us-east-1");
        return new(new BucketSnapshot(aws.S3, time, window, ct => OwnerOf(identity, ct)), identity);
    }

    /// <summary>The account the operator acts in here (its caller identity's): every S3 call carries it as
    /// ExpectedBucketOwner.</summary>
    public Task<string> BucketOwnerAsync(CancellationToken ct) => OwnerOf(Identity, ct);

    private static async Task<string> OwnerOf(CallerIdentityCache identity, CancellationToken ct) => (await identity.GetAsync(ct)).Account;
}
