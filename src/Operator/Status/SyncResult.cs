using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>What one reconcile of any kind found and did, as far as every kind says the same: how it ended, why it wrote
/// nothing or failed, what it waits for, the drift it saw and the Normal events it decided on. A kind's record adds its own.</summary>
public abstract record SyncResult
{
    public required SyncOutcome Outcome { get; init; }
    public Refusal? Refusal { get; init; }
    /// <summary>The failed AWS call's error (AwsFailed).</summary>
    public Exception? Error { get; init; }
    /// <summary>Waiting or Deferred: what is being waited for.</summary>
    public string? WaitingFor { get; init; }
    public IReadOnlyList<FieldDifference> Differences { get; init; } = [];
    public IReadOnlyList<PendingEvent> Notes { get; init; } = [];
    /// <summary>The AWS account the object acts in (status.accountId), when the account phase knew it.</summary>
    public string? AccountId { get; init; }
}
