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
    public Exception? Error { get; init; }
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
}
