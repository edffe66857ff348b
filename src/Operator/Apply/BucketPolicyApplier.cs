using Vpce.Operator.Diff;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Apply;

/// <summary>The only code that changes bucket policies. Each write holds the bucket's lock, reads the policy fresh and
/// plans on that one read, so two objects and a foreign writer racing on one bucket lose nothing the read showed; only
/// statements the object claims are inserted, replaced or removed. What a write is about to put in place is claimed
/// (recorded in the object's status) before the call, so a crash right after it leaves nothing unclaimed.</summary>
public sealed class BucketPolicyApplier(IS3Api s3, BucketWriteLocks locks)
{
    /// <summary>Plans on the policy as it is now and, when the plan is a write, claims its Sids and puts the policy.</summary>
    /// <param name="plan">The pure planner over the policy read (<see cref="BucketPolicyPlanner.Plan"/>).</param>
    /// <param name="claim">Records <see cref="BucketPolicyPlan.ClaimedDuringWrite"/> before the write; a failure writes nothing.</param>
    /// <exception cref="MalformedBucketPolicyException">The policy as read cannot be parsed.</exception>
    public async Task<BucketPolicyPlan> ApplyAsync(string region, string bucket, Func<string?, BucketPolicyPlan> plan,
        Func<IReadOnlyList<string>, CancellationToken, Task> claim, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(bucket, ct);
        var decided = plan(await ReadAsync(region, bucket, ct));
        if (decided.Kind != BucketPolicyPlanKind.Write)
        {
            return decided;
        }
        await claim(decided.ClaimedDuringWrite, ct);
        await CallAsync("s3:PutBucketPolicy", bucket, () => s3.PutBucketPolicyAsync(region, bucket, decided.Policy!, ct));
        return decided;
    }

    /// <summary>Takes every statement with one of <paramref name="sids"/> out of the policy in one write; deletes the policy
    /// when nothing remains. Writes nothing when the plan has no change or is refused; the plan says which.</summary>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be parsed.</exception>
    public async Task<BucketPolicyRemoval> RemoveAsync(string region, string bucket, IReadOnlyCollection<string> sids, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(bucket, ct);
        var removal = BucketPolicyPlanner.PlanRemoval(bucket, await ReadAsync(region, bucket, ct), sids);
        if (!removal.Changes || removal.Refusal is not null)
        {
            return removal;
        }
        if (removal.Remaining is null)
        {
            await CallAsync("s3:DeleteBucketPolicy", bucket, () => s3.DeleteBucketPolicyAsync(region, bucket, ct));
        }
        else
        {
            await CallAsync("s3:PutBucketPolicy", bucket, () => s3.PutBucketPolicyAsync(region, bucket, removal.Remaining, ct));
        }
        return removal;
    }

    private async Task<string?> ReadAsync(string region, string bucket, CancellationToken ct)
    {
        string? policy = null;
        await CallAsync("s3:GetBucketPolicy", bucket, async () => policy = await s3.GetBucketPolicyAsync(region, bucket, ct));
        return policy;
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
