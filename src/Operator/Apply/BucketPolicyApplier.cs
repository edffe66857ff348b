using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Apply;

/// <summary>The only code that changes bucket policies. Each write holds the bucket's lock and re-reads the policy first,
/// so two objects and a foreign writer racing on one bucket lose nothing the last read showed; only the statement with
/// our Sid is inserted, replaced or removed.</summary>
public sealed class BucketPolicyApplier(IS3Api s3, BucketReader reader, BucketWriteLocks locks)
{
    /// <summary>Puts <paramref name="desired"/> into the bucket's policy as it is now.</summary>
    /// <param name="checkMerged">The last check on the policy as it would be written (its size); a refusal writes nothing.</param>
    /// <exception cref="MalformedBucketPolicyException">The policy as re-read cannot be parsed.</exception>
    public async Task<BucketWriteResult> WriteAsync(string region, DesiredStatement desired, string? writtenSid,
        Func<string, BucketPolicyRefusal?> checkMerged, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(desired.Bucket, ct);
        var now = await reader.ReadPolicyAsync(desired.Bucket, region, ct);
        var comparison = BucketStatementDiff.Compare(now.Policy, desired, writtenSid);
        if (comparison.Refusal is { } conflict)
        {
            return new(comparison, Written: false, conflict);
        }
        if (!comparison.NeedsWrite)
        {
            return new(comparison, Written: false, null);
        }
        var merged = BucketPolicyMerge.Upsert(now.Policy, desired.ToJson());
        if (comparison.SupersededSid is { } old)
        {
            // The spec's Sid changed: the statement under the old one is ours too, and goes in the same write.
            merged = BucketPolicyMerge.Remove(merged, old) ?? merged;
        }
        if (checkMerged(merged) is { } refusal)
        {
            return new(comparison, Written: false, refusal);
        }
        await CallAsync("s3:PutBucketPolicy", desired.Bucket, () => s3.PutBucketPolicyAsync(region, desired.Bucket, merged, ct));
        reader.Wrote(desired.Bucket, merged);
        return new(comparison, Written: true, null);
    }

    /// <summary>Takes the statement with <paramref name="sid"/> out of the policy; deletes the policy when nothing remains.
    /// True when the policy changed.</summary>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be parsed.</exception>
    public async Task<bool> RemoveAsync(string region, string bucket, string sid, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(bucket, ct);
        var now = await reader.ReadPolicyAsync(bucket, region, ct);
        var remaining = BucketPolicyMerge.Remove(now.Policy, sid);
        if (ReferenceEquals(remaining, now.Policy))
        {
            return false;
        }
        if (remaining is null)
        {
            await CallAsync("s3:DeleteBucketPolicy", bucket, () => s3.DeleteBucketPolicyAsync(region, bucket, ct));
        }
        else
        {
            await CallAsync("s3:PutBucketPolicy", bucket, () => s3.PutBucketPolicyAsync(region, bucket, remaining, ct));
        }
        reader.Wrote(bucket, remaining);
        return true;
    }

    private static async Task CallAsync(string action, string bucket, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For(action, bucket);
        }
    }
}
