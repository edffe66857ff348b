namespace Vpce.Operator.Runtime;

/// <summary>A controller as the <see cref="OperatorManager"/> runs it, whatever its kind.</summary>
public interface IControllerHost
{
    string Kind { get; }

    /// <summary>Every informer has loaded its first list to the last page: the cache is complete (an object not in it does
    /// not exist), the resync runs, and the operator is ready.</summary>
    bool HasSynced { get; }

    /// <summary>Completes once <see cref="HasSynced"/> holds.</summary>
    Task WaitForSyncAsync(CancellationToken ct = default);

    /// <summary>Informers synced, nothing queued and no reconcile running (keys waiting for a delay do not count).</summary>
    bool IsIdle { get; }

    /// <summary>Runs informers and workers (which take each object as soon as its list page is in, see
    /// <see cref="ControllerHost{T}"/>) until <paramref name="ct"/> is cancelled, then shuts down gracefully: in-flight
    /// reconciles get the shutdown grace period. <paramref name="abort"/> cancels them at once instead (leadership lost:
    /// another replica may already lead, so nothing of this one may still write).</summary>
    Task RunAsync(CancellationToken ct, CancellationToken abort = default);

    /// <summary>Completes when <see cref="IsIdle"/> holds.</summary>
    Task WaitForIdleAsync(CancellationToken ct = default);

    /// <summary>Queues a reconcile of the object (for example when a related object of another kind changed).</summary>
    void Enqueue(string @namespace, string name);
}
