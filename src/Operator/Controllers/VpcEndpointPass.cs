using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Controllers;

/// <summary>One VpcEndpoint reconcile on its way through the phases: besides what it found and did (<see cref="EndpointSyncResult"/>:
/// the desired endpoint, the reading, the endpoint, the outcome), what one phase hands the next.</summary>
public sealed class VpcEndpointPass(VpcEndpoint resource)
    : ReconcilePass<VpcEndpoint, EndpointSyncResult>(resource, new EndpointSyncResult
    {
        Outcome = SyncOutcome.Unchanged, Unconfirmed = resource.Status?.UnconfirmedCall, AccountId = resource.Status?.AccountId,
    })
{
    /// <summary>Region, service and type as the spec decides them (validate).</summary>
    public EndpointIdentity? Identity { get; set; }

    /// <summary>The account the object acts in and what it admits (account).</summary>
    public AccountResolution? Account { get; set; }

    /// <summary>The account's readers, applier and snapshot (account).</summary>
    public EndpointRooms? Rooms { get; set; }

    /// <summary>What apply is to do (plan).</summary>
    public VpcEndpointAction Action { get; set; }

    /// <summary>The create repeats one whose answer was never recorded, with the same ClientToken (plan).</summary>
    public bool RepeatsLostCreate { get; set; }

    /// <summary>The delta of the endpoint as read (read, when the snapshot's is kept; plan); Modify applies its calls.</summary>
    public EndpointDelta? Delta { get; set; }

    /// <summary>What the object owned on the endpoint before this pass (plan).</summary>
    public ManagedSets ManagedBefore { get; set; } = ManagedSets.Empty;

    /// <summary>The endpoint service as the advisory read found it (advise), for the exported hints.</summary>
    public AwsEndpointService? Service { get; set; }
}
