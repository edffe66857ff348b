namespace Vpce.Operator.Diff;

/// <summary>What a bucket-policy plan decides.</summary>
public enum BucketPolicyPlanKind
{
    /// <summary>A safety rule or a foreign statement stops it: nothing is written.</summary>
    Refuse,
    /// <summary>The policy already holds the statement as desired, and nothing else of ours.</summary>
    Unchanged,
    /// <summary>driftPolicy Report and the statement drifted: say so, write nothing.</summary>
    Report,
    /// <summary>Put <see cref="BucketPolicyPlan.Policy"/>.</summary>
    Write,
}
