using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>The Leases of the in-memory API: create fails when the name exists, and an update names the resourceVersion it
/// read and fails when the Lease changed since (409 Conflict), so two candidates racing for one Lease cannot both win.
/// While <paramref name="outage"/> is on, each of them fails as a refused connection does.</summary>
public sealed class InMemoryLeases(InMemoryRevisionClock clock, InMemoryOutage? outage = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), InMemoryLease> _leases = new();

    /// <exception cref="KubeUnavailableException">The API server is away.</exception>
    public InMemoryLease? Get(string @namespace, string name)
    {
        outage?.ThrowIfOngoing($"get lease {@namespace}/{name}");
        lock (_gate) return _leases.GetValueOrDefault((@namespace, name));
    }

    /// <summary>The stored Lease, or null when one by that name exists already.</summary>
    public InMemoryLease? Create(string @namespace, string name, InMemoryLease lease)
    {
        outage?.ThrowIfOngoing($"create lease {@namespace}/{name}");
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
        outage?.ThrowIfOngoing($"update lease {@namespace}/{name}");
        lock (_gate)
        {
            if (!_leases.TryGetValue((@namespace, name), out var current) || current.ResourceVersion != lease.ResourceVersion) return null;
            var stored = lease with { ResourceVersion = clock.Next() };
            _leases[(@namespace, name)] = stored;
            return stored;
        }
    }
}
