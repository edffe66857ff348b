using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>One reconcile of any kind (ACK's generic reconciler over a per-kind resource manager): the finalizer first, then
/// the kind's phases in order, each timed (vpce_reconcile_phase_duration_seconds{kind,phase}), an AWS failure in any of them
/// one log line and AwsFailed (after a refusal or a failure only the phases marked to run after one do: the checks), the status computed by the kind's pure builder and written once on the way out whatever
/// happened, and the next look: refused until the object changes, failed with backoff, else as the kind says. Deletion
/// runs the kind's delete and removes the finalizer once nothing on AWS holds the object.</summary>
public sealed class ReconcileSkeleton<T, TStatus, TSync, TPass> : IReconciler<T>
    where T : class, ICustomResource<TStatus>, new()
    where TStatus : class, IResourceStatus
    where TSync : SyncResult
    where TPass : ReconcilePass<T, TSync>
{
    private const string StatusPhase = "status";
    private const string FinalizePhase = "finalize";
    private readonly IKindPhases<T, TStatus, TSync, TPass> _kind;
    private readonly IResourceClient<T> _client;
    private readonly StatusWriter<T> _statusWriter;
    private readonly OwnStatusWrites<T> _ownWrites;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="kind">Made with the status writer, which its phases use to claim before they write to AWS.</param>
    public ReconcileSkeleton(Func<StatusWriter<T>, IKindPhases<T, TStatus, TSync, TPass>> kind, IResourceClient<T> client, IEventRecorder events,
        OperatorMetrics metrics, TimeProvider time, ILogger logger)
    {
        _client = client;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _ownWrites = new OwnStatusWrites<T>();
        _statusWriter = new StatusWriter<T>(client, events, metrics, _ownWrites, logger);
        _kind = kind(_statusWriter);
    }

    /// <summary>This process's status writes the informer's cache does not show yet.</summary>
    internal int UncachedStatusWrites => _ownWrites.Count;

    public void Cached(T resource) => _ownWrites.Cached(resource);

    public void Forget(ResourceKey key)
    {
        _ownWrites.Forget(key);
        _kind.Forget(key);
        _metrics.ForgetObject(key.Kind, key.Namespace, key.Name);
    }

    /// <param name="resource">The runtime's copy of the cached object (ResourceCopy.ForReconcile): its metadata and status
    /// field are this reconcile's, its spec and previous status the cache's, to read, never to change. When the cache lags
    /// this process's last status write of it, the object that write stored is reconciled instead.</param>
    public Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken ct) =>
        ReconcileGuard.RunAsync(static (s, c) => s.Skeleton.ReconcileGuardedAsync(s.Resource, c), (Skeleton: this, Resource: resource), ct);

    private async Task<ReconcileResult> ReconcileGuardedAsync(T resource, CancellationToken ct)
    {
        // The status we wrote last is the previous one even while the watch has not brought it back: a finding warns once.
        resource = _ownWrites.Newest(resource);
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(resource, ct);
        }
        var pass = _kind.Begin(resource);
        await Finalizers.EnsureAsync(_client, resource, ct);
        var stopped = false;
        foreach (var phase in _kind.Phases)
        {
            if (stopped && !phase.AfterStop)
            {
                continue;
            }
            try
            {
                stopped |= await RunTimedAsync(phase, pass, ct) == PhaseStep.Stop;
            }
            catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
            {
                // Expected: one line, no stack trace; the condition and the backoff say the rest.
                _logger.LogWarning("{Kind} {Namespace}/{Name}: {Reason}: {Message}", _kind.Kind, resource.Metadata.Namespace, resource.Metadata.Name,
                    AwsFailures.Describe(e).Reason, e.Message);
                if (!stopped)
                {
                    pass.Fail(e);
                }
                stopped = true;
            }
        }
        var statusStarted = _time.GetTimestamp();
        try
        {
            var report = _kind.Report(pass, _time.GetUtcNow());
            resource.Status = report.Status;
            await _statusWriter.WriteAsync(resource, report, ct);
        }
        finally
        {
            _metrics.RecordPhase(_kind.Kind, StatusPhase, _time.GetElapsedTime(statusStarted));
        }
        return pass.Sync.Outcome switch
        {
            SyncOutcome.Refused => ReconcileResult.FailedUntilChanged,
            SyncOutcome.AwsFailed => ReconcileResult.Backoff(),
            _ => _kind.Next(pass),
        };
    }

    private async Task<ReconcileResult> FinalizeAsync(T resource, CancellationToken ct)
    {
        if (!Finalizers.Has(resource))
        {
            return ReconcileResult.Done;
        }
        DeletionResult<TStatus> result;
        var started = _time.GetTimestamp();
        try
        {
            result = await _kind.DeleteAsync(resource, ct);
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            _logger.LogWarning("{Kind} {Namespace}/{Name}: deleting: {Message}", _kind.Kind, resource.Metadata.Namespace, resource.Metadata.Name, e.Message);
            result = _kind.DeletionFailed(resource, e, _time.GetUtcNow());
        }
        finally
        {
            _metrics.RecordPhase(_kind.Kind, FinalizePhase, _time.GetElapsedTime(started));
        }
        if (result.Report is not { } report)
        {
            await _statusWriter.RecordEventsAsync(resource, result.Notes, ct);
            await Finalizers.RemoveAsync(_client, resource, ct);
            return ReconcileResult.Done;
        }
        resource.Status = report.Status;
        await _statusWriter.WriteAsync(resource, report.Events, ct);
        return result.Next;
    }

    // A method, not a lambda per phase: this runs some ten times in every reconcile.
    private async ValueTask<PhaseStep> RunTimedAsync(ReconcilePhase<TPass> phase, TPass pass, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        try
        {
            return await phase.RunAsync(pass, ct);
        }
        finally
        {
            _metrics.RecordPhase(_kind.Kind, phase.Name, _time.GetElapsedTime(started));
        }
    }
}
