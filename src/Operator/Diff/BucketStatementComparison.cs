using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>The owned statement, desired versus the bucket policy: where it stands, what differs in words (for
/// status.drift, or the SidConflict message), and the Sids this object claims besides the desired one that are still in
/// the policy (the spec's Sid changed: they are removed in the same write).</summary>
public sealed record BucketStatementComparison(
    BucketStatementState State,
    IReadOnlyList<FieldDifference> Differences,
    IReadOnlyList<string> SupersededSids,
    BucketPolicyRefusal? Refusal)
{
    public bool IsDrift => State is BucketStatementState.Changed or BucketStatementState.Removed;

    public bool NeedsWrite =>
        State is BucketStatementState.Absent or BucketStatementState.Changed or BucketStatementState.Removed ||
        (State is BucketStatementState.Matches && SupersededSids.Count > 0);
}
