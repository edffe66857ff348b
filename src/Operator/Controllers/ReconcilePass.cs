using Vpce.Operator.Status;

namespace Vpce.Operator.Controllers;

/// <summary>One reconcile of one object on its way through its kind's phases: the object, and what the pass found and did
/// so far (the status builder's input). A kind's pass adds what its phases hand each other.</summary>
public abstract class ReconcilePass<T, TSync>(T resource, TSync sync) where TSync : SyncResult
{
    public T Resource { get; } = resource;

    public TSync Sync { get; set; } = sync;

    /// <summary>Ends the pass with nothing (more) written: the status says why.</summary>
    public PhaseStep Refuse(Refusal refusal)
    {
        Sync = (TSync)(Sync with { Outcome = SyncOutcome.Refused, Refusal = refusal });
        return PhaseStep.Stop;
    }

    /// <summary>The AWS account the object acts in, when the account phase knows it. The pass starts with the account its
    /// status names, so the result is copied only when the account is news.</summary>
    public void ActsIn(string? accountId)
    {
        if (accountId is not null && accountId != Sync.AccountId)
        {
            Sync = (TSync)(Sync with { AccountId = accountId });
        }
    }

    /// <summary>An AWS call failed: the pass ends here and is retried with backoff.</summary>
    public void Fail(Exception error) => Sync = (TSync)(Sync with { Outcome = SyncOutcome.AwsFailed, Error = error });

    /// <summary>Ends the pass as <paramref name="sync"/> says.</summary>
    public PhaseStep Stop(TSync sync)
    {
        Sync = sync;
        return PhaseStep.Stop;
    }
}
