namespace Vpce.Operator.Status;

/// <summary>The status room's answer: the status to write, the events to record, and what the metrics count.</summary>
public sealed record StatusReport<TStatus>(
    TStatus Status,
    IReadOnlyList<PendingEvent> Events,
    IReadOnlyList<string> DriftDetectedReasons,
    bool DriftCorrected);
