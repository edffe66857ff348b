using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Status;

/// <summary>The last room of every reconcile, on success and failure alike: writes status (the status subresource only),
/// records the events the reconcile decided on, and sets the object's gauges.</summary>
public sealed class StatusWriter<T>(IResourceClient<T> client, IEventRecorder events, OperatorMetrics metrics, ILogger logger)
    where T : class, ICustomResource, new()
{
    public async Task WriteAsync(T resource, IReadOnlyList<PendingEvent> pending, CancellationToken ct)
    {
        foreach (var e in pending)
        {
            try
            {
                await events.RecordAsync(resource, e.Type, e.Reason, e.Message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An event that cannot be recorded must not fail the reconcile; the status says the same.
                logger.LogWarning(ex, "could not record event {Reason} on {Kind} {Namespace}/{Name}", e.Reason, resource.Kind, resource.Metadata.Namespace, resource.Metadata.Name);
            }
        }
        var conditions = resource.Status?.Conditions;
        metrics.SetObjectHealth(resource.Kind, resource.Metadata.Namespace ?? "", resource.Metadata.Name,
            ready: ConditionList.IsTrue(conditions, ConditionTypes.Ready),
            drifted: ConditionList.IsTrue(conditions, ConditionTypes.Drifted));
        try
        {
            await client.PatchStatusAsync(resource, ct);
        }
        catch (KubeObjectNotFoundException)
        {
            // Deleted while we reconciled: nothing left to write to.
        }
    }
}
