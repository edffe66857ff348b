namespace Vpce.Operator.Status;

/// <summary>What one reconcile of an EndpointBucketPolicy found and did: the status builder's input besides the previous status.</summary>
public sealed record BucketPolicySyncResult : SyncResult
{
    public string? Bucket { get; init; }
    public string? BucketRegion { get; init; }
    /// <summary>The Sid of the statement in place (written now or before, or found equal to ours).</summary>
    public string? StatementSid { get; init; }
    public IReadOnlyList<string>? EndpointIds { get; init; }
    /// <summary>The Sids the object holds in the policy now (known after a write or an unchanged read); null: as before.</summary>
    public IReadOnlyList<string>? OwnedStatementSids { get; init; }
}
