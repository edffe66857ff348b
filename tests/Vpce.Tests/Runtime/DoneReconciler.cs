using Vpce.Crds;
using Vpce.Operator.Runtime;

namespace Vpce.Tests.Runtime;

/// <summary>A reconciler of any kind that is always done at once (for tests about the runtime around it).</summary>
internal sealed class DoneReconciler<T> : IReconciler<T> where T : class, ICustomResource, new()
{
    private int _reconciles;

    public int Reconciles => Volatile.Read(ref _reconciles);

    public Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken ct)
    {
        Interlocked.Increment(ref _reconciles);
        return Task.FromResult(ReconcileResult.Done);
    }

    public void Forget(ResourceKey key)
    {
    }
}
