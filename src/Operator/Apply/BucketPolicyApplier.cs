using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Apply;

/// <summary>The only code that changes bucket policies. Each write holds the bucket's lock, reads the policy fresh and
/// plans on that one read, so two objects and a foreign writer racing on one bucket lose nothing the read showed; only
/// statements the object claims are inserted, replaced or removed. What a write is about to put in place is claimed
/// (recorded in the object's status) before the call, so a crash right after it leaves nothing unclaimed.</summary>
/// Every call carries the account the operator acts in as ExpectedBucketOwner (<paramref name="owner"/>): a bucket another
/// account owns now is refused (BucketOwnerMismatch) on the read, before any write.
public sealed class BucketPolicyApplier(IS3Api s3, BucketWriteLocks locks, Func<CancellationToken, Task<string>> owner)
{
    /// <summary>Plans on the policy as it is now and, when the plan is a write, claims its Sids and puts the policy.</summary>
    /// <param name="plan">The pure planner over the policy read (<see cref="BucketPolicyPlanner.Plan"/>).</param>
    /// <param name="claim">Records <see cref="BucketPolicyPlan.ClaimedDuringWrite"/> before the write; a failure writes nothing.</param>
    /// <exception cref="MalformedBucketPolicyException">The policy as read cannot be parsed.</exception>
    public async Task<BucketPolicyPlan> ApplyAsync(string region, string bucket, Func<string?, BucketPolicyPlan> plan,
        Func<IReadOnlyList<string>, CancellationToken, Task> claim, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(bucket, ct);
        var expected = await owner(ct);
        var (policy, mismatch) = await ReadAsync(region, bucket, expected, ct);
        if (mismatch is not null)
        {
            return new() { Kind = BucketPolicyPlanKind.Refuse, Refusal = mismatch };
        }
        var decided = plan(policy);
        if (decided.Kind != BucketPolicyPlanKind.Write)
        {
            return decided;
        }
        await claim(decided.ClaimedDuringWrite, ct);
        await CallAsync("s3:PutBucketPolicy", bucket, () => s3.PutBucketPolicyAsync(region, bucket, decided.Policy!, expected, ct));
        return decided;
    }

    /// <summary>Takes every statement with one of <paramref name="sids"/> out of the policy in one write; deletes the policy
    /// when nothing remains. Writes nothing when the plan has no change or is refused; the plan says which.</summary>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be parsed.</exception>
    public async Task<BucketPolicyRemoval> RemoveAsync(string region, string bucket, IReadOnlyCollection<string> sids, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(bucket, ct);
        var expected = await owner(ct);
        var (policy, mismatch) = await ReadAsync(region, bucket, expected, ct);
        if (mismatch is not null)
        {
            return new(false, null) { Refusal = mismatch };
        }
        var removal = BucketPolicyPlanner.PlanRemoval(bucket, policy, sids);
        if (!removal.Changes || removal.Refusal is not null)
        {
            return removal;
        }
        if (removal.Remaining is null)
        {
            await CallAsync("s3:DeleteBucketPolicy", bucket, () => s3.DeleteBucketPolicyAsync(region, bucket, expected, ct));
        }
        else
        {
            await CallAsync("s3:PutBucketPolicy", bucket, () => s3.PutBucketPolicyAsync(region, bucket, removal.Remaining, expected, ct));
        }
        return removal;
    }

    private async Task<(string? Policy, BucketPolicyRefusal? Mismatch)> ReadAsync(string region, string bucket, string expected, CancellationToken ct)
    {
        try
        {
            return (await s3.GetBucketPolicyAsync(region, bucket, expected, ct), null);
        }
        catch (AwsApiException e) when (BucketOwnerMismatch.Is(e))
        {
            return (null, BucketOwnerMismatch.Refusal(bucket, expected, "s3:GetBucketPolicy"));
        }
        catch (AwsApiException e) when (e.IsAccessDenied)
        {
            throw e.For("s3:GetBucketPolicy", bucket);
        }
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
