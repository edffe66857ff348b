namespace Vpce.Ports.Kube;

/// <summary>How a leader-election Lease is held, with client-go's names: the leader renews every <see cref="RetryPeriod"/>
/// and stops leading when no renewal succeeded within <see cref="RenewDeadline"/> of the last one that did; a candidate
/// polls every retry period and takes a Lease once <see cref="LeaseDuration"/> has passed since the holder's last
/// renewal could have happened, on its own clock (<see cref="LeaseExpiry"/>), or at its next try when it was released.
/// A candidate dates a renewal at most one retry period early, so it takes over no sooner than
/// renewal + LeaseDuration − RetryPeriod, which is after renewal + RenewDeadline when the old leader has stopped: the
/// constructor refuses timings without that margin.</summary>
public sealed record LeaseTimings
{
    /// <exception cref="ArgumentException">Not 0 &lt; RetryPeriod &lt; RenewDeadline &lt; LeaseDuration − RetryPeriod.</exception>
    public LeaseTimings(TimeSpan leaseDuration, TimeSpan renewDeadline, TimeSpan retryPeriod)
    {
        if (retryPeriod <= TimeSpan.Zero || renewDeadline <= retryPeriod)
            throw new ArgumentException($"the retry period ({retryPeriod}) must be positive and shorter than the renew deadline ({renewDeadline})");
        if (leaseDuration - retryPeriod <= renewDeadline)
        {
            throw new ArgumentException(
                $"the lease duration ({leaseDuration}) less the retry period ({retryPeriod}) must exceed the renew deadline ({renewDeadline}), "
                + "or a standby could take over while the old leader still leads");
        }
        // Leases carry whole seconds.
        if (leaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"the lease duration ({leaseDuration}) must be whole seconds, as a Lease's leaseDurationSeconds is");
        LeaseDuration = leaseDuration;
        RenewDeadline = renewDeadline;
        RetryPeriod = retryPeriod;
    }

    /// <summary>client-go's and controller-runtime's defaults: 15 s, 10 s, 2 s (a margin of 3 s).</summary>
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));

    public TimeSpan LeaseDuration { get; }

    public TimeSpan RenewDeadline { get; }

    public TimeSpan RetryPeriod { get; }

    /// <summary>Whole seconds, as the Lease's leaseDurationSeconds.</summary>
    public int LeaseDurationSeconds => (int)LeaseDuration.TotalSeconds;
}
