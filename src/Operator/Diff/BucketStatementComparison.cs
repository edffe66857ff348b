using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>The owned statement, desired versus the bucket policy: where it stands, what differs in words (for
/// status.drift, or the SidConflict message), and the Sid this object wrote before when the spec's Sid has changed
/// and that old statement is still in the policy (to be removed in the same write).</summary>
public sealed record BucketStatementComparison(
    BucketStatementState State,
    IReadOnlyList<FieldDifference> Differences,
    string? SupersededSid,
    BucketPolicyRefusal? Refusal)
{
    public bool IsDrift => State is BucketStatementState.Changed or BucketStatementState.Removed;

    public bool NeedsWrite =>
        State is BucketStatementState.Absent or BucketStatementState.Changed or BucketStatementState.Removed ||
        (State is BucketStatementState.Matches && SupersededSid is not null);
}
