using Vpce.Crds;
using Vpce.Operator.Status;

namespace Vpce.Operator.Controllers;

/// <summary>One AwsAccount reconcile on its way through its phases.</summary>
public sealed class AwsAccountPass(AwsAccount resource)
    : ReconcilePass<AwsAccount, AccountSyncResult>(resource, new AccountSyncResult { Outcome = SyncOutcome.Unchanged });
