namespace Vpce.Simulation.Kube;

/// <summary>A coordination.k8s.io Lease's spec as leader election reads and writes it, with the resourceVersion an update
/// must name. An empty holder is a released lease.</summary>
public sealed record InMemoryLease(
    string HolderIdentity, int LeaseDurationSeconds, DateTimeOffset AcquireTime, DateTimeOffset RenewTime, int LeaseTransitions)
{
    public long ResourceVersion { get; init; }
}
