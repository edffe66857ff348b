using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The status builder's answer: the status to write, the events to record, and what the metrics count.</summary>
public sealed record StatusReport<TStatus>(
    TStatus Status,
    IReadOnlyList<PendingEvent> Events,
    IReadOnlyList<string> DriftDetectedReasons,
    bool DriftCorrected)
{
    /// <summary>The reason, when the reconcile refused to write anything.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>The status is the one already stored: nothing to write.</summary>
    public bool Unchanged { get; init; }
}
