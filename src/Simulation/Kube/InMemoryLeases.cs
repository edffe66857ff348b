namespace Vpce.Simulation.Kube;

/// <summary>The Leases of the in-memory API: create fails when the name exists, and an update names the resourceVersion it
/// read and fails when the Lease changed since (409 Conflict), so two candidates racing for one Lease cannot both win.</summary>
public sealed class InMemoryLeases(InMemoryRevisionClock clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), InMemoryLease> _leases = new();

    public InMemoryLease? Get(string @namespace, string name)
    {
        lock (_gate) return _leases.GetValueOrDefault((@namespace, name));
    }

    /// <summary>The stored Lease, or null when one by that name exists already.</summary>
    public InMemoryLease? Create(string @namespace, string name, InMemoryLease lease)
    {
        lock (_gate)
        {
            if (_leases.ContainsKey((@namespace, name))) return null;
            var stored = lease with { ResourceVersion = clock.Next() };
            _leases[(@namespace, name)] = stored;
            return stored;
        }
    }

    /// <summary>The stored Lease, or null when it is gone or no longer at <see cref="InMemoryLease.ResourceVersion"/> of
    /// <paramref name="lease"/>.</summary>
    public InMemoryLease? Update(string @namespace, string name, InMemoryLease lease)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue((@namespace, name), out var current) || current.ResourceVersion != lease.ResourceVersion) return null;
            var stored = lease with { ResourceVersion = clock.Next() };
            _leases[(@namespace, name)] = stored;
            return stored;
        }
    }
}
