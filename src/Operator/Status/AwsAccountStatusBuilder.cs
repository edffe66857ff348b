using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The status builder of AwsAccount, pure: Ready True (RoleAssumed) when the role was assumed and acts in the account
/// the spec names; False with AssumeRoleFailed, AccountMismatch or InvalidSpec, said once as a Warning.</summary>
public static class AwsAccountStatusBuilder
{
    private static readonly IReadOnlyList<string> ConditionOrder = [ConditionTypes.Ready, ConditionTypes.Synced];

    public static StatusReport<AwsAccountStatus> Build(AwsAccountStatus? previous, long? generation, DateTimeOffset now, AccountSyncResult sync)
    {
        var status = previous?.SharingValues() ?? new AwsAccountStatus();
        var c = new StatusConditions(previous, generation, now);
        c.Add(sync.Notes);
        if (sync.Objects is { } objects)
        {
            status.Objects = objects;
        }
        if (!c.RecordUnsettled(sync.Outcome, sync.Refusal, sync.Error, sync.WaitingFor, AccountReasons.AssumeRoleFailed, "assuming the role"))
        {
            status.AccountId = sync.AccountId;
            status.AssumedArn = sync.AssumedArn;
            status.CredentialsExpireAt = sync.CredentialsExpireAt;
            var message = sync.AssumedArn is null
                ? $"the operator's own credentials act in account {sync.AccountId}"
                : $"acting in account {sync.AccountId} as {sync.AssumedArn}";
            if (!c.IsTrue(ConditionTypes.Ready))
            {
                c.Normal(AccountReasons.RoleAssumed, message);
            }
            c.SetReady(true, AccountReasons.RoleAssumed, message);
            c.Synced(message);
        }
        return c.Complete(status, ConditionOrder, sync.Outcome == SyncOutcome.Refused ? sync.Refusal?.Reason : null);
    }
}
