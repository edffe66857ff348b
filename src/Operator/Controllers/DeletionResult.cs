using Vpce.Operator.Model;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;

namespace Vpce.Operator.Controllers;

/// <summary>Where a deletion stands: finished (the finalizer goes, after these events), or not yet (this status is written and
/// the object is looked at again).</summary>
public sealed record DeletionResult<TStatus>
{
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
    /// <summary>Null when nothing on AWS holds the object any more.</summary>
    public StatusReport<TStatus>? Report { get; init; }
    public ReconcileResult Next { get; init; } = ReconcileResult.Done;

    public static DeletionResult<TStatus> Finished(IReadOnlyList<PendingEvent> notes) => new() { Notes = notes };

    public static DeletionResult<TStatus> Pending(StatusReport<TStatus> report, ReconcileResult next) => new() { Report = report, Next = next };
}
