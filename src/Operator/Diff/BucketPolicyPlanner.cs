using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>The bucket-policy write path's one decision, pure, on one read of the policy: the safety rules in the order a
/// person would fix them (regions, a foreign statement under our Sid, the operator's own lock-out, the size limit, a deleted
/// principal S3 would not take back), then
/// unchanged, report or the merged policy to write. The applier runs it under the bucket's lock on a fresh read; a resync
/// runs it on the snapshot first, and goes to S3 only when it says anything but unchanged.</summary>
public static class BucketPolicyPlanner
{
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be read.</exception>
    public static BucketPolicyPlan Plan(BucketPolicyPlanInput input)
    {
        var desired = input.Desired;
        if (!StatementSids.IsOwned(desired.Sid))
        {
            // The validator refuses such a spec first; this holds for any path that skips it.
            return new() { Kind = BucketPolicyPlanKind.Refuse, Refusal = new(ReadyReasons.InvalidSpec,
                $"the statement's Sid {desired.Sid} does not start with {StatementSids.Prefix}; the operator writes only statements whose Sid does") };
        }
        if (input.EndpointRegion is { } endpointRegion && BucketPolicyChecks.CheckRegion(desired.Bucket, input.BucketRegion, endpointRegion) is { } elsewhere)
        {
            return new() { Kind = BucketPolicyPlanKind.Refuse, Refusal = elsewhere };
        }
        var comparison = BucketStatementDiff.Compare(input.Policy, desired, input.WrittenSid, input.OwnedSids);
        var refusal = comparison.Refusal ?? BucketPolicyChecks.CheckOperatorExempt(input.CallerArn, desired);
        if (refusal is not null)
        {
            return new() { Kind = BucketPolicyPlanKind.Refuse, Comparison = comparison, Refusal = refusal };
        }
        if (!comparison.NeedsWrite)
        {
            return new() { Kind = BucketPolicyPlanKind.Unchanged, Comparison = comparison };
        }
        if (comparison.IsDrift && input.ReportOnly)
        {
            return new() { Kind = BucketPolicyPlanKind.Report, Comparison = comparison };
        }
        var merged = BucketPolicyMerge.Upsert(input.Policy, desired.ToJson());
        foreach (var old in comparison.SupersededSids)
        {
            // Never null: the desired statement stays.
            merged = BucketPolicyMerge.Remove(merged, old) ?? merged;
        }
        if (BucketPolicyChecks.CheckSize(desired.Bucket, merged) is { } tooLarge)
        {
            return new() { Kind = BucketPolicyPlanKind.Refuse, Comparison = comparison, Refusal = tooLarge };
        }
        if (BucketPolicyChecks.CheckPrincipalsResendable(desired.Bucket, merged, "writes nothing") is { } unsendable)
        {
            return new() { Kind = BucketPolicyPlanKind.Refuse, Comparison = comparison, Refusal = unsendable };
        }
        return new()
        {
            Kind = BucketPolicyPlanKind.Write,
            Comparison = comparison,
            Policy = merged,
            ClaimedDuringWrite = BucketStatementDiff.Claimed(desired.Sid, input.OwnedSids.Concat(input.WrittenSid is null ? [] : [input.WrittenSid]).ToList()),
        };
    }

    /// <summary>The policy without every statement the object claims; refused when what remains could not be put back.</summary>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be read.</exception>
    public static BucketPolicyRemoval PlanRemoval(string bucket, string? policy, IReadOnlyCollection<string> claimedSids)
    {
        var remaining = policy;
        // Only owned Sids, whoever asks: a foreign statement is never taken out.
        claimedSids = claimedSids.Where(StatementSids.IsOwned).ToList();
        foreach (var sid in claimedSids)
        {
            remaining = BucketPolicyMerge.Remove(remaining, sid);
        }
        var changes = !ReferenceEquals(remaining, policy);
        var refusal = changes && remaining is not null
            ? BucketPolicyChecks.CheckPrincipalsResendable(bucket, remaining, $"leaves statement {string.Join(", ", claimedSids)} in place")
            : null;
        return new(changes, remaining) { Refusal = refusal };
    }
}
