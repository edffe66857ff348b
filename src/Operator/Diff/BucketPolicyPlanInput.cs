using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>Everything the bucket-policy write decision looks at, read once.</summary>
public sealed record BucketPolicyPlanInput
{
    /// <summary>The bucket policy as read (null: the bucket has none).</summary>
    public required string? Policy { get; init; }
    public required DesiredStatement Desired { get; init; }
    public required string BucketRegion { get; init; }
    /// <summary>The region of the referenced VpcEndpoint; null when the statement names explicit ids only (those are
    /// checked against the bucket's region when they are read).</summary>
    public string? EndpointRegion { get; init; }
    /// <summary>status.statementSid.</summary>
    public string? WrittenSid { get; init; }
    /// <summary>status.ownedStatementSids.</summary>
    public IReadOnlyList<string> OwnedSids { get; init; } = [];
    /// <summary>The operator's own ARN (STS GetCallerIdentity).</summary>
    public required string CallerArn { get; init; }
    /// <summary>driftPolicy Report: a drifted statement is reported, never written back.</summary>
    public bool ReportOnly { get; init; }
}
