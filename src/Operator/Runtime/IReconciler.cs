using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>A controller: one reconcile of one object, level-based and idempotent. The runtime never runs two
/// reconciles of the same key at once. An exception counts as an error and backs the key off.</summary>
public interface IReconciler<T> where T : class, ICustomResource, new()
{
    Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken ct);

    /// <summary>The object is gone from the API server (after its finalizer was removed, or it never had one).</summary>
    void Forget(ResourceKey key);
}
