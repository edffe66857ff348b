using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Status;

/// <summary>The last room of every reconcile, on success and failure alike: writes status (the status subresource only),
/// records the events the reconcile decided on, and sets the object's gauges. Each status it stores goes into
/// <paramref name="ownWrites"/>, for the reconciles that come before the cache shows it.</summary>
public sealed class StatusWriter<T>(IResourceClient<T> client, IEventRecorder events, OperatorMetrics metrics, OwnStatusWrites<T> ownWrites,
    ILogger logger)
    where T : class, ICustomResource, new()
{
    public Task WriteAsync(T resource, IReadOnlyList<PendingEvent> pending, CancellationToken ct) =>
        WriteAsync(resource, pending, unchanged: false, ct);

    private async Task WriteAsync(T resource, IReadOnlyList<PendingEvent> pending, bool unchanged, CancellationToken ct)
    {
        await RecordEventsAsync(resource, pending, ct);
        var conditions = resource.Status?.Conditions;
        metrics.SetObjectHealth(resource.Kind, resource.Metadata.Namespace ?? "", resource.Metadata.Name,
            ready: ConditionList.IsTrue(conditions, ConditionTypes.Ready),
            drifted: ConditionList.IsTrue(conditions, ConditionTypes.Drifted));
        if (unchanged)
        {
            // The stored status is this one already: a no-op PATCH would only cost the API server.
            return;
        }
        try
        {
            var patchedFrom = resource.Metadata.ResourceVersion;
            ownWrites.Record(patchedFrom, await client.PatchStatusAsync(resource, ct));
        }
        catch (KubeObjectNotFoundException)
        {
            // Deleted while we reconciled: nothing left to write to.
        }
    }

    /// <summary>Writes a status builder's report (its status already on <paramref name="resource"/>) and counts its drift and
    /// refusal in the metrics.</summary>
    public async Task WriteAsync<TStatus>(T resource, StatusReport<TStatus> report, CancellationToken ct)
    {
        await WriteAsync(resource, report.Events, report.Unchanged, ct);
        foreach (var reason in report.DriftDetectedReasons)
        {
            metrics.RecordDriftDetected(resource.Kind, reason);
        }
        if (report.DriftCorrected)
        {
            metrics.RecordDriftCorrected(resource.Kind);
        }
        if (report.RefusalReason is { } refused)
        {
            metrics.RecordRefusal(resource.Kind, refused);
        }
    }

    /// <summary>Writes the status as it stands now, before an AWS write: what that write is about to own goes on record
    /// first, so a crash right after the write leaves it claimed. The resource takes the version the write stored. A
    /// failure here (the object gone, the API server away) throws, and the AWS write is not made.</summary>
    public async Task RecordClaimAsync(T resource, CancellationToken ct)
    {
        var patchedFrom = resource.Metadata.ResourceVersion;
        var stored = await client.PatchStatusAsync(resource, ct);
        ownWrites.Record(patchedFrom, stored);
        resource.Metadata.ResourceVersion = stored.Metadata.ResourceVersion;
    }

    /// <summary>Records the events; one that cannot be recorded never fails the reconcile (the status says the same).</summary>
    public async Task RecordEventsAsync(T resource, IReadOnlyList<PendingEvent> pending, CancellationToken ct)
    {
        foreach (var e in pending)
        {
            try
            {
                await events.RecordAsync(resource, e.Type, e.Reason, e.Message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("could not record event {Reason} on {Kind} {Namespace}/{Name}: {Message}", e.Reason, resource.Kind, resource.Metadata.Namespace, resource.Metadata.Name, ex.Message);
            }
        }
    }
}
