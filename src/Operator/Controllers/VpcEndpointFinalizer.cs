using Microsoft.Extensions.Logging;
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
/// endpoint this object owns, waits until AWS reports it deleted, and only then lets the object go.</summary>
public sealed class VpcEndpointFinalizer(
    IResourceClient<VpcEndpoint> client, EndpointReader reader, EndpointApplier applier, StatusWriter<VpcEndpoint> statusWriter,
    ReconcileSettings settings, TimeProvider time, ILogger logger)
{
    public async Task<ReconcileResult> FinalizeAsync(VpcEndpoint resource, CancellationToken ct)
    {
        if (!Finalizers.Has(resource))
        {
            return ReconcileResult.Done;
        }
        var notes = new List<PendingEvent>();
        DeletionProgress? progress;
        try
        {
            progress = await DeleteAsync(resource, notes, ct);
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            logger.LogWarning("{Kind} {Namespace}/{Name}: deleting: {Message}", resource.Kind, resource.Metadata.Namespace, resource.Metadata.Name, e.Message);
            progress = new DeletionProgress { Error = e, Notes = notes };
        }
        if (progress is null)
        {
            await statusWriter.RecordEventsAsync(resource, notes, ct);
            await Finalizers.RemoveAsync(client, resource, ct);
            return ReconcileResult.Done;
        }
        var report = VpcEndpointStatusRoom.Deleting(resource.Status, resource.Metadata.Generation, time.GetUtcNow(), progress);
        resource.Status = report.Status;
        await statusWriter.WriteAsync(resource, report.Events, ct);
        return progress.DeletingId is not null && progress.Failure is null
            ? ReconcileResult.After(progress.Endpoint is { } endpoint ? EndpointRequeue.While(endpoint, time.GetUtcNow()) : TimeSpan.FromSeconds(5))
            : ReconcileResult.Backoff();
    }

    /// <summary>Null when nothing on AWS holds the object any more.</summary>
    private async Task<DeletionProgress?> DeleteAsync(VpcEndpoint resource, List<PendingEvent> notes, CancellationToken ct)
    {
        var status = resource.Status;
        if (resource.Spec.DeletionPolicy == DeletionPolicies.Retain)
        {
            notes.Add(new(EventTypes.Normal, "Retained", $"deletionPolicy is Retain: endpoint {status?.EndpointId ?? "(none)"} is left on AWS"));
            return null;
        }
        var region = status?.Region ?? VpcEndpointSpecValidator.Validate(resource.Spec, settings).Identity?.Region;
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
