using Vpce.Operator.Observability;

namespace Vpce.Operator.Runtime;

/// <summary>What a reconcile asks of the queue next (controller-runtime's semantics):
/// done (the slow resync checks again), a timed check after a delay, or a retry with the key's exponential backoff.</summary>
public sealed record ReconcileResult
{
    public TimeSpan? RequeueAfter { get; private init; }
    public bool RetryWithBackoff { get; private init; }
    /// <summary>For metrics and logs: success, requeue or error.</summary>
    public string Outcome { get; private init; } = ReconcileOutcomes.Success;

    public static ReconcileResult Done { get; } = new();

    public static ReconcileResult After(TimeSpan delay) =>
        new() { RequeueAfter = delay, Outcome = ReconcileOutcomes.Requeue };

    /// <summary>Failed for a reason worth retrying (throttling, an outage, a conflict): back off per key.</summary>
    public static ReconcileResult Backoff() =>
        new() { RetryWithBackoff = true, Outcome = ReconcileOutcomes.Error };

    /// <summary>Failed in a way retrying cannot fix before the object changes (invalid spec): wait for a change or the resync.</summary>
    public static ReconcileResult FailedUntilChanged { get; } = new() { Outcome = ReconcileOutcomes.Error };
}
