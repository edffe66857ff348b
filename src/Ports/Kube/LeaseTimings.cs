namespace Vpce.Ports.Kube;

/// <summary>How a leader-election Lease is held, in client-go's terms (and KubernetesClient's LeaderElector's): a candidate
/// takes a lease whose holder it has not seen renew for <see cref="LeaseDuration"/>, or one released (no holder); the
/// leader renews every <see cref="RetryPeriod"/> and stops leading when a renewal has not succeeded within
/// <see cref="RenewDeadline"/>, which is shorter than the lease duration, so an old leader stops before a new one starts.</summary>
public sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>client-go's and controller-runtime's defaults: 15 s, 10 s, 2 s.</summary>
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
