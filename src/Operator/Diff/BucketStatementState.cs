namespace Vpce.Operator.Diff;

/// <summary>Where the owned statement stands in the bucket policy.</summary>
public enum BucketStatementState
{
    /// <summary>No statement with our Sid, and this object has never written one: write it.</summary>
    Absent,
    /// <summary>A statement with our Sid means what we would write (ours, or someone else's that we adopt).</summary>
    Matches,
    /// <summary>Drift: this object wrote the statement and it now differs.</summary>
    Changed,
    /// <summary>Drift: this object wrote the statement and it is gone.</summary>
    Removed,
    /// <summary>A statement with our Sid that this object did not write and that differs: not ours, write nothing.</summary>
    SidConflict,
}
