using Vpce.Crds;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Hosting;

/// <summary>Namespaces are only read (their labels, for the AwsAccounts' namespaceSelector): a change queues the objects of
/// that namespace (<see cref="OperatorControllers"/>), and there is nothing to reconcile.</summary>
public sealed class NamespaceWatch : IReconciler<KubeNamespace>
{
    public Task<ReconcileResult> ReconcileAsync(KubeNamespace resource, CancellationToken ct) => Task.FromResult(ReconcileResult.Done);

    public void Forget(ResourceKey key)
    {
    }
}
