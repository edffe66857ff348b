using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>Where a deletion that keeps the finalizer stands: waiting for AWS, refused by AWS, or failed on a call.</summary>
public sealed record DeletionProgress
{
    /// <summary>Waiting for AWS to finish deleting this resource id.</summary>
    public string? DeletingId { get; init; }
    /// <summary>The endpoint being deleted, as last read (its age paces the next look).</summary>
    public Ports.Aws.AwsEndpoint? Endpoint { get; init; }
    public Refusal? Failure { get; init; }
    /// <summary>Waiting for EC2's reads to show what an earlier call did (a new endpoint, a deletion) before believing them.</summary>
    public string? WaitingFor { get; init; }
    /// <summary>The operator's create or delete EC2's reads have not shown yet, as status is to record it.</summary>
    public Crds.UnconfirmedCall? Unconfirmed { get; init; }
    public Exception? Error { get; init; }
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
}
