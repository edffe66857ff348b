namespace Vpce.Operator.Status;

/// <summary>How one reconcile of a live object ended, as the status builder reads it.</summary>
public enum SyncOutcome
{
    /// <summary>The spec cannot be reconciled as written, or AWS holds something the spec may not touch: nothing was written.</summary>
    Refused,
    /// <summary>An AWS call failed (throttling, access, outage); retried with backoff.</summary>
    AwsFailed,
    /// <summary>AWS is still busy with an earlier request; looked at again shortly.</summary>
    Waiting,
    /// <summary>The AWS resource was created.</summary>
    Created,
    /// <summary>AWS matches the spec.</summary>
    Unchanged,
    /// <summary>AWS differs, but changing it now would be refused (the endpoint is not available yet).</summary>
    Deferred,
    /// <summary>driftPolicy Report: AWS differs and is left as it is.</summary>
    Reported,
    /// <summary>AWS differed and was changed to match the spec (drift corrected, or a spec change applied).</summary>
    Corrected,
    /// <summary>driftPolicy Report: the AWS resource was deleted outside the operator and is not re-created.</summary>
    ReportedMissing,
}
