using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The status builder of EndpointBucketPolicy, pure: the previous status and what one reconcile found and did → the
/// next status, its conditions, the events to record and the drift the metrics count.</summary>
public static class EndpointBucketPolicyStatusBuilder
{
    private static readonly IReadOnlyList<string> ConditionOrder = [ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted];

    public static StatusReport<EndpointBucketPolicyStatus> Build(EndpointBucketPolicyStatus? previous, long? generation, DateTimeOffset now,
        BucketPolicySyncResult sync)
    {
        var status = CopyOf(previous);
        var c = new StatusConditions(previous, generation, now);
        c.Add(sync.Notes);
        if (sync.AccountId is { } account)
        {
            status.AccountId = account;
        }
        if (sync.BucketRegion is { } region)
        {
            status.BucketRegion = region;
        }
        if (sync.EndpointIds is { } ids)
        {
            status.EndpointIds = [.. ids];
        }
        if (sync.StatementSid is { } sid)
        {
            status.StatementSid = sid;
        }
        if (sync.OwnedStatementSids is { } owned)
        {
            status.OwnedStatementSids = [.. owned];
        }
        var isDrift = c.SpecUnchangedSinceLastSync;
        if (!c.RecordUnsettled(sync.Outcome, sync.Refusal, sync.Error, sync.WaitingFor, ObserveReasons.EndpointNotReady, "waiting for the endpoint"))
        {
            RecordOutcome(c, status, sync, isDrift);
        }
        return c.Complete(status, ConditionOrder, sync.Outcome == SyncOutcome.Refused ? sync.Refusal?.Reason : null);
    }

    /// <summary>What was done to the statement, once it was neither refused, failed nor waiting.</summary>
    private static void RecordOutcome(StatusConditions c, EndpointBucketPolicyStatus status, BucketPolicySyncResult sync, bool isDrift)
    {
        switch (sync.Outcome)
        {
            case SyncOutcome.Created:
            case SyncOutcome.Unchanged:
                c.NoDrift(null);
                InPlace(c, status, sync);
                break;
            case SyncOutcome.Corrected:
                c.Corrected(sync.Differences, isDrift);
                InPlace(c, status, sync);
                break;
            case SyncOutcome.Reported:
            case SyncOutcome.ReportedMissing:
                c.ReportDrift(sync.Differences, isDrift);
                var message = $"the statement {status.StatementSid} in the policy of bucket {sync.Bucket} differs from the spec (driftPolicy Report: left as it is)";
                c.Synced(message);
                c.SetReady(false, ReadyReasons.DriftReported, message);
                break;
            default:
                throw new ArgumentException($"{sync.Outcome} is not an outcome of a bucket policy reconcile", nameof(sync));
        }
    }

    private static void InPlace(StatusConditions c, EndpointBucketPolicyStatus status, BucketPolicySyncResult sync)
    {
        var message = $"statement {status.StatementSid} in the policy of bucket {sync.Bucket} admits only [{string.Join(",", status.EndpointIds)}]";
        c.Synced(message);
        c.SetReady(true, ReadyReasons.StatementInPlace, message);
    }

    private static EndpointBucketPolicyStatus CopyOf(EndpointBucketPolicyStatus? p) => p?.SharingValues() ?? new EndpointBucketPolicyStatus();
}
