using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>The one decision of the bucket-policy write path: refuse, leave unchanged, report, or write this policy.</summary>
public sealed record BucketPolicyPlan
{
    public required BucketPolicyPlanKind Kind { get; init; }
    /// <summary>Null only for a refusal that came before the statement was compared (a region mismatch).</summary>
    public BucketStatementComparison? Comparison { get; init; }
    public BucketPolicyRefusal? Refusal { get; init; }
    /// <summary>Write: the whole policy to put, every foreign statement as it was.</summary>
    public string? Policy { get; init; }
    /// <summary>Write: the Sids the object must claim before the write (what it claims now and the Sid it writes), so a
    /// crash after the write leaves the statement recorded as its own.</summary>
    public IReadOnlyList<string> ClaimedDuringWrite { get; init; } = [];

    /// <summary>Whether a fresh read of the policy could decide otherwise: not for "unchanged", nor for a refusal the
    /// policy's text plays no part in (the regions, the operator's own lock-out).</summary>
    public bool WorthConfirming => Kind switch
    {
        BucketPolicyPlanKind.Unchanged => false,
        BucketPolicyPlanKind.Refuse => Refusal?.Reason is BucketPolicyReasons.SidConflict or BucketPolicyReasons.PolicyTooLarge
            or BucketPolicyReasons.DeletedPrincipalInPolicy,
        _ => true,
    };
}
