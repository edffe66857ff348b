namespace Vpce.Operator.Runtime;

/// <summary>How a <see cref="ControllerHost{T}"/> runs (the run verb's flags of API.md).</summary>
public sealed record ControllerOptions
{
    /// <summary>Namespaces to watch (--namespace, repeatable); empty means all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Workers, hence reconciles of different objects at once (--max-concurrent-reconciles).</summary>
    public int MaxConcurrentReconciles { get; init; } = 2;

    /// <summary>Every object is queued again this often (--resync-interval); zero or less turns the resync off.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>On shutdown, reconciles in flight get this long to finish before they are cancelled.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    public WorkQueueOptions Queue { get; init; } = new();

    /// <summary>When set (the in-memory operator, for tests), the cached object is compared as JSON before and after each
    /// reconcile and a change is reported here: a reconcile shares the cache's spec and status (ResourceCopy.ForReconcile)
    /// and must never change them.</summary>
    public Action<string>? CachedObjectChanged { get; init; }
}
