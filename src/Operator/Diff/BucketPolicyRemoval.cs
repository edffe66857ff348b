using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>The finalizer's plan: whether the policy holds any statement the object claims, and the policy without them
/// (null: nothing remains, so the bucket policy is deleted); or, when what remains could not be put back, the refusal.</summary>
public sealed record BucketPolicyRemoval(bool Changes, string? Remaining)
{
    public BucketPolicyRefusal? Refusal { get; init; }
}
