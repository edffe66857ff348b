using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>A controller: one reconcile of one object, level-based and idempotent. The runtime never runs two
/// reconciles of the same key at once. An exception counts as an error and backs the key off.</summary>
public interface IReconciler<T> where T : class, ICustomResource, new()
{
    Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken ct);

    /// <summary>The object is gone from the API server (after its finalizer was removed, or it never had one).</summary>
    void Forget(ResourceKey key);

    /// <summary>The informer's cache now holds this version of the object (from a list page or a watch event), whether or
    /// not it is queued. Called on the informer's loop, alongside reconciles of the same key: quick, and never throws.</summary>
    void Cached(T resource)
    {
    }
}
