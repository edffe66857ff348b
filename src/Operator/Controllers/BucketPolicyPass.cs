using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Status;

namespace Vpce.Operator.Controllers;

/// <summary>One EndpointBucketPolicy reconcile on its way through the phases: besides what it found and did
/// (<see cref="BucketPolicySyncResult"/>), what one phase hands the next.</summary>
public sealed class BucketPolicyPass(EndpointBucketPolicy resource)
    : ReconcilePass<EndpointBucketPolicy, BucketPolicySyncResult>(resource, new BucketPolicySyncResult
    {
        Outcome = SyncOutcome.Unchanged, Bucket = resource.Spec.Bucket, AccountId = resource.Status?.AccountId,
    })
{
    /// <summary>The bucket's account and what it admits (account).</summary>
    public AccountResolution? Account { get; set; }

    /// <summary>The account's bucket reader, applier and identity (account).</summary>
    public BucketRooms? Rooms { get; set; }

    /// <summary>The endpoints the statement admits (resolve).</summary>
    public AdmittedEndpoints? Admitted { get; set; }

    /// <summary>The bucket as the snapshot shows it (read).</summary>
    public BucketReading? Bucket { get; set; }

    /// <summary>The statement the object owns, every default decided (plan).</summary>
    public DesiredStatement? Desired { get; set; }

    /// <summary>The decision on the snapshot's policy (plan); apply decides again on a fresh read unless it is unchanged.</summary>
    public BucketPolicyPlan? Plan { get; set; }

    /// <summary>Plans on <paramref name="policy"/> with everything else this pass read.</summary>
    public Func<string?, BucketPolicyPlan>? Planner { get; set; }
}
