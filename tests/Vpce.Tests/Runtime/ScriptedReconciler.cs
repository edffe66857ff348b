using Vpce.Crds;
using Vpce.Operator.Runtime;

namespace Vpce.Tests.Runtime;

/// <summary>A reconciler whose behaviour the test supplies; counts reconciles, concurrency and forgets.</summary>
internal sealed class ScriptedReconciler(Func<VpcEndpoint, CancellationToken, Task<ReconcileResult>> reconcile) : IReconciler<VpcEndpoint>
{
    private int _running;
    private int _reconciles;
    private int _maxConcurrentPerKey;
    private readonly List<ResourceKey> _forgotten = new();
    private readonly Dictionary<string, int> _runningPerKey = new();

    public ScriptedReconciler(ReconcileResult result) : this((_, _) => Task.FromResult(result))
    {
    }

    public int Reconciles => Volatile.Read(ref _reconciles);

    public int MaxConcurrentPerKey => Volatile.Read(ref _maxConcurrentPerKey);

    public IReadOnlyList<ResourceKey> Forgotten { get { lock (_forgotten) return _forgotten.ToList(); } }

    public async Task<ReconcileResult> ReconcileAsync(VpcEndpoint resource, CancellationToken ct)
    {
        var name = resource.Metadata.Name;
        lock (_runningPerKey)
        {
            var now = _runningPerKey.GetValueOrDefault(name) + 1;
            _runningPerKey[name] = now;
            if (now > _maxConcurrentPerKey) _maxConcurrentPerKey = now;
        }
        Interlocked.Increment(ref _running);
        try
        {
            return await reconcile(resource, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            lock (_runningPerKey) _runningPerKey[name]--;
            Interlocked.Increment(ref _reconciles);
        }
    }

    public void Forget(ResourceKey key)
    {
        lock (_forgotten) _forgotten.Add(key);
    }
}
