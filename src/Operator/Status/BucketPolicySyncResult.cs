using Vpce.Operator.Diff;

namespace Vpce.Operator.Status;

/// <summary>What one reconcile of an EndpointBucketPolicy found and did: the status room's input besides the previous status.</summary>
public sealed record BucketPolicySyncResult
{
    public required SyncOutcome Outcome { get; init; }
    public Refusal? Refusal { get; init; }
    public Exception? Error { get; init; }
    /// <summary>Waiting: what for (the referenced VpcEndpoint has no endpoint yet).</summary>
    public string? Note { get; init; }
    public string? Bucket { get; init; }
    public string? BucketRegion { get; init; }
    /// <summary>The Sid of the statement in place (written now or before, or found equal to ours).</summary>
    public string? StatementSid { get; init; }
    public IReadOnlyList<string>? EndpointIds { get; init; }
    /// <summary>The Sids the object holds in the policy now (known after a write or an unchanged read); null: as before.</summary>
    public IReadOnlyList<string>? OwnedStatementSids { get; init; }
    public IReadOnlyList<FieldDifference> Differences { get; init; } = [];
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
}
