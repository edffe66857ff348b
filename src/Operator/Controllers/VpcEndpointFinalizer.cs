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
/// endpoint this object owns (its status endpoint, or the one whose ownership tags name it, made by a run that crashed
/// before its status write), waits until AWS reports it deleted, and only then lets the object go.</summary>
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

    public DeletionResult<VpcEndpointStatus> Failed(VpcEndpoint resource, Exception error, DateTimeOffset now) =>
        DeletionResult<VpcEndpointStatus>.Pending(Report(resource, new DeletionProgress { Error = error, Unconfirmed = resource.Status?.UnconfirmedCall }),
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
        var (endpoint, claimedBy) = await reader.FindForDeletionAsync(resource, region, ct);
        if (claimedBy is not null)
        {
            notes.Add(new(EventTypes.Warning, "LeftOnAws", $"endpoint {status?.EndpointId} is now owned by {claimedBy}; it is left on AWS"));
            return null;
        }
        var now = time.GetUtcNow();
        if (endpoint is null || endpoint.State == EndpointStates.Deleted)
        {
            if (endpoint is null && UnconfirmedCalls.Unseen(status?.UnconfirmedCall, UnconfirmedCall.CreateVpcEndpoint, now, settings.PropagationWait) is { } made)
            {
                // Not found is no proof of gone while EC2 may not show the endpoint our create made yet.
                return new DeletionProgress
                {
                    WaitingFor = $"waiting for AWS to show {made.EndpointId ?? "the endpoint of its create request"} (asked for {UnconfirmedCalls.Age(made, now)} ago) before deleting it: EC2 is eventually consistent",
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
        var id = endpoint.VpcEndpointId;
        if (endpoint.State == EndpointStates.Deleting)
        {
            return new DeletionProgress { DeletingId = id, Endpoint = endpoint, Notes = notes };
        }
        if (UnconfirmedCalls.Unseen(status?.UnconfirmedCall, UnconfirmedCall.DeleteVpcEndpoints, now, settings.PropagationWait) is { } asked
            && asked.EndpointId == id)
        {
            // AWS accepted our DeleteVpcEndpoints; its reads may show the endpoint as it was for a while: no second delete.
            return new DeletionProgress
            {
                WaitingFor = $"waiting for AWS to show the deletion of {id} it accepted {UnconfirmedCalls.Age(asked, now)} ago: EC2 is eventually consistent",
                Unconfirmed = asked,
                Notes = notes,
            };
        }
        var failures = await applier.DeleteAsync(region, id, ct);
        if (failures.Count > 0)
        {
            var failure = failures[0];
            return AwsErrorCodes.IsNotFound(failure.Code)
                // A NotFound from the delete is believed only when a read says so too: looked at again shortly.
                ? new DeletionProgress
                {
                    WaitingFor = $"DeleteVpcEndpoints says {failure.VpcEndpointId} does not exist ({failure.Code}); reading it again before believing it",
                    Unconfirmed = status?.UnconfirmedCall,
                    Notes = notes,
                }
                : new DeletionProgress
                {
                    Failure = new(ReadyReasons.DeleteFailed, $"DeleteVpcEndpoints refused {failure.VpcEndpointId}: {failure.Code}: {failure.Message}"),
                    Unconfirmed = status?.UnconfirmedCall,
                    Notes = notes,
                };
        }
        notes.Add(new(EventTypes.Normal, "Deleting", $"deleting endpoint {id}"));
        return new DeletionProgress
        {
            DeletingId = id,
            Endpoint = endpoint,
            Unconfirmed = new UnconfirmedCall { Action = UnconfirmedCall.DeleteVpcEndpoints, EndpointId = id, RequestedAt = now },
            Notes = notes,
        };
    }
}
