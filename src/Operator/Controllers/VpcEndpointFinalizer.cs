using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Deletion of a VpcEndpoint, its own class (KubeOps' IEntityFinalizer): Retain leaves AWS alone; Delete deletes the
/// endpoints this object owns (its status endpoint, and every one whose ownership tags name it: made by a run that crashed
/// before its status write, or left beside it by an older version), in DeleteVpcEndpoints calls of at most 25 ids, waits
/// until AWS reports them deleted, and only then lets the object go.</summary>
public sealed class VpcEndpointFinalizer(EndpointReader reader, EndpointApplier applier, ReconcileSettings settings, TimeProvider time)
{
    public async Task<DeletionResult<VpcEndpointStatus>> DeleteAsync(VpcEndpoint resource, CancellationToken ct)
    {
        var notes = new List<PendingEvent>();
        var progress = await ProgressAsync(resource, notes, ct);
        if (progress is null)
        {
            return DeletionResult<VpcEndpointStatus>.Finished(notes);
        }
        var now = time.GetUtcNow();
        var next = progress switch
        {
            { WaitingFor: not null } => ReconcileResult.After(progress.Unconfirmed is { } call ? UnconfirmedCalls.LookAgainIn(call, now) : TimeSpan.FromSeconds(5)),
            { DeletingId: not null, Failure: null } => ReconcileResult.After(progress.Endpoint is { } endpoint ? EndpointRequeue.While(endpoint, now) : TimeSpan.FromSeconds(5)),
            _ => ReconcileResult.Backoff(),
        };
        return DeletionResult<VpcEndpointStatus>.Pending(Report(resource, progress), next);
    }

    public static DeletionResult<VpcEndpointStatus> Failed(VpcEndpoint resource, Exception error, DateTimeOffset now) =>
        DeletionResult<VpcEndpointStatus>.Pending(
            VpcEndpointStatusBuilder.Deleting(resource.Status, resource.Metadata.Generation, now,
                new DeletionProgress { Error = error, Unconfirmed = resource.Status?.UnconfirmedCall }),
            ReconcileResult.Backoff());

    private StatusReport<VpcEndpointStatus> Report(VpcEndpoint resource, DeletionProgress progress) =>
        VpcEndpointStatusBuilder.Deleting(resource.Status, resource.Metadata.Generation, time.GetUtcNow(), progress);

    /// <summary>Null when nothing on AWS holds the object any more. EC2 is eventually consistent: a read that does not show
    /// an endpoint a create of ours made, or still shows one a delete of ours was accepted for, is looked at again, not
    /// believed, until <see cref="ReconcileSettings.PropagationWait"/> has passed.</summary>
    private async Task<DeletionProgress?> ProgressAsync(VpcEndpoint resource, List<PendingEvent> notes, CancellationToken ct)
    {
        var status = resource.Status;
        if (resource.Spec.DeletionPolicy == DeletionPolicies.Retain)
        {
            notes.Add(new(EventTypes.Normal, "Retained", $"deletionPolicy is Retain: endpoint {status?.EndpointId ?? "(none)"} is left on AWS"));
            return null;
        }
        var region = status?.Region ?? EndpointModel.Identity(resource.Spec, settings)?.Region;
        if (region is null)
        {
            // Never reconciled into a region, so nothing was ever created.
            return null;
        }
        var (endpoints, claimedBy) = await reader.FindForDeletionAsync(resource, region, ct);
        if (claimedBy is not null)
        {
            notes.Add(new(EventTypes.Warning, "LeftOnAws", $"endpoint {status?.EndpointId} is now owned by {claimedBy}; it is left on AWS"));
            return null;
        }
        var now = time.GetUtcNow();
        if (endpoints.Count == 0)
        {
            if (UnconfirmedCalls.Unseen(status?.UnconfirmedCall, UnconfirmedCall.CreateVpcEndpoint, now, settings.PropagationWait) is { } made)
            {
                // Not found is no proof of gone while EC2 may not show the endpoint our create made yet.
                return new DeletionProgress
                {
                    WaitingFor = $"waiting for AWS to show {(made.EndpointIds is [var madeId, ..] ? madeId : "the endpoint of its create request")} (asked for {UnconfirmedCalls.Age(made, now)} ago) before deleting it: EC2 is eventually consistent",
                    Unconfirmed = made,
                    Notes = notes,
                };
            }
            if (status?.EndpointId is not null)
            {
                notes.Add(new(EventTypes.Normal, "Deleted", $"endpoint {status.EndpointId} is deleted"));
            }
            return null;
        }
        // The status endpoint (else the oldest) is the one the status tells about; every other the object owns goes with it.
        var primary = endpoints[0];
        var asked = UnconfirmedCalls.Unseen(status?.UnconfirmedCall, UnconfirmedCall.DeleteVpcEndpoints, now, settings.PropagationWait);
        // AWS accepted our DeleteVpcEndpoints for it; its reads may show the endpoint as it was for a while: no second delete.
        bool Accepted(AwsEndpoint e) => asked?.EndpointIds.Contains(e.VpcEndpointId) == true;
        var toDelete = endpoints.Where(e => e.State != EndpointStates.Deleting && !Accepted(e)).Select(e => e.VpcEndpointId).ToList();
        if (toDelete.Count == 0)
        {
            return primary.State == EndpointStates.Deleting
                ? new DeletionProgress { DeletingId = primary.VpcEndpointId, Endpoint = primary, Notes = notes }
                : new DeletionProgress
                {
                    WaitingFor = $"waiting for AWS to show the deletion of {primary.VpcEndpointId} it accepted {UnconfirmedCalls.Age(asked!, now)} ago: EC2 is eventually consistent",
                    Unconfirmed = asked,
                    Notes = notes,
                };
        }
        var failures = await applier.DeleteAsync(region, toDelete, ct);
        if (failures.FirstOrDefault(f => !AwsErrorCodes.IsNotFound(f.Code)) is { } refused)
        {
            return new DeletionProgress
            {
                Failure = new(ReadyReasons.DeleteFailed, $"DeleteVpcEndpoints refused {refused.VpcEndpointId}: {refused.Code}: {refused.Message}"),
                Unconfirmed = status?.UnconfirmedCall,
                Notes = notes,
            };
        }
        var deleted = toDelete.Where(id => !failures.Any(f => f.VpcEndpointId == id)).ToList();
        if (deleted.Count > 0)
        {
            notes.Add(new(EventTypes.Normal, "Deleting", $"deleting endpoint {string.Join(", ", deleted)}"));
        }
        if (failures.Count > 0)
        {
            // A NotFound from the delete is believed only when a read says so too: looked at again shortly.
            var unknown = failures[0];
            return new DeletionProgress
            {
                WaitingFor = $"DeleteVpcEndpoints says {unknown.VpcEndpointId} does not exist ({unknown.Code}); reading it again before believing it",
                Unconfirmed = status?.UnconfirmedCall,
                Notes = notes,
            };
        }
        return new DeletionProgress
        {
            DeletingId = primary.VpcEndpointId,
            Endpoint = primary,
            Unconfirmed = new UnconfirmedCall
            {
                Action = UnconfirmedCall.DeleteVpcEndpoints,
                EndpointIds = [.. deleted, .. asked?.EndpointIds.Except(deleted) ?? []],
                RequestedAt = now,
            },
            Notes = notes,
        };
    }
}
