namespace Vpce.Simulation.Kube;

/// <summary>The store's resourceVersion counter, like etcd's revision: one sequence for every kind.</summary>
public sealed class InMemoryRevisionClock
{
    private long _current = 1;

    public long Current => Interlocked.Read(ref _current);

    public long Next() => Interlocked.Increment(ref _current);
}
