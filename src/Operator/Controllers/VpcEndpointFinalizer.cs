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
        var next = progress.DeletingId is not null && progress.Failure is null
            ? ReconcileResult.After(progress.Endpoint is { } endpoint ? EndpointRequeue.While(endpoint, time.GetUtcNow()) : TimeSpan.FromSeconds(5))
            : ReconcileResult.Backoff();
        return DeletionResult<VpcEndpointStatus>.Pending(Report(resource, progress), next);
    }

    public DeletionResult<VpcEndpointStatus> Failed(VpcEndpoint resource, Exception error, DateTimeOffset now) =>
        DeletionResult<VpcEndpointStatus>.Pending(Report(resource, new DeletionProgress { Error = error }), ReconcileResult.Backoff());

    private StatusReport<VpcEndpointStatus> Report(VpcEndpoint resource, DeletionProgress progress) =>
        VpcEndpointStatusBuilder.Deleting(resource.Status, resource.Metadata.Generation, time.GetUtcNow(), progress);

    /// <summary>Null when nothing on AWS holds the object any more.</summary>
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
        if (endpoint is null || endpoint.State == EndpointStates.Deleted)
        {
            if (status?.EndpointId is not null)
            {
                notes.Add(new(EventTypes.Normal, "Deleted", $"endpoint {status.EndpointId} is deleted"));
            }
            return null;
        }
        if (endpoint.State != EndpointStates.Deleting)
        {
            var failures = await applier.DeleteAsync(region, endpoint.VpcEndpointId, ct);
            if (failures.Count > 0)
            {
                var failure = failures[0];
                return AwsErrorCodes.IsNotFound(failure.Code)
                    ? null
                    : new DeletionProgress
                    {
                        Failure = new(ReadyReasons.DeleteFailed, $"DeleteVpcEndpoints refused {failure.VpcEndpointId}: {failure.Code}: {failure.Message}"),
                        Notes = notes,
                    };
            }
            notes.Add(new(EventTypes.Normal, "Deleting", $"deleting endpoint {endpoint.VpcEndpointId}"));
        }
        return new DeletionProgress { DeletingId = endpoint.VpcEndpointId, Endpoint = endpoint, Notes = notes };
    }
}
