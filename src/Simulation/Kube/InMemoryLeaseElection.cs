using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>Leader election on an <see cref="InMemoryLeases"/> Lease with the rules of KubernetesClient's LeaderElector
/// (client-go's): a candidate takes a Lease that does not exist, that was released (empty holder), or whose record it has
/// not seen change for the Lease's leaseDurationSeconds, counted on its own clock from when it saw the change; the leader
/// renews every retry period and stops leading when no renewal succeeded within the renew deadline. A clean shutdown
/// releases the Lease as <c>KubeLeaderElection</c> does; <see cref="Kill"/> is a process killed hard, which releases
/// nothing. Several instances on one store elect one leader. Time is <paramref name="time"/>'s: on a virtual clock
/// <see cref="IsIdle"/> says the election only waits for the clock to move.</summary>
public sealed class InMemoryLeaseElection(
    InMemoryLeases leases, string @namespace, string name, string identity, TimeProvider time, LeaseTimings? timings = null) : ILeaderElection
{
    private readonly CancellationTokenSource _killed = new();
    private TaskCompletionSource _idleChanged = NewSource();
    private int _busy;
    private int _started;
    private InMemoryLease? _observed;
    private DateTimeOffset _observedTime;
    private volatile bool _leading;

    public string Identity { get; } = identity;

    public LeaseTimings Timings { get; } = timings ?? LeaseTimings.Default;

    /// <summary>True from acquiring the Lease until this instance stops renewing it.</summary>
    public bool IsLeader => _leading;

    /// <summary>When this instance last started leading, on its clock; null if it never led.</summary>
    public DateTimeOffset? AcquiredAt { get; private set; }

    /// <summary>Not running, or waiting for a timer (or for the work it leads to end): nothing happens until time moves.</summary>
    public bool IsIdle => Volatile.Read(ref _busy) == 0;

    public async Task WaitForIdleAsync(CancellationToken ct = default)
    {
        while (true)
        {
            var next = Volatile.Read(ref _idleChanged).Task;
            if (IsIdle) return;
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The process dies here, as under kill -9: it never touches the Lease again (no renewal, no release) and its
    /// work is cancelled, since a dead process does nothing.</summary>
    public void Kill() => _killed.Cancel();

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) throw new InvalidOperationException($"the election of {Identity} runs only once");
        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct, _killed.Token);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(running.Token);
        Enter();
        Task? work = null;
        try
        {
            try
            {
                while (!TryAcquireOrRenew()) await ParkAsync(Timings.RetryPeriod, null, running.Token).ConfigureAwait(false);
                _leading = true;
                AcquiredAt = time.GetUtcNow();
                work = whileLeading(leading.Token);
                while (!work.IsCompleted && await RenewAsync(running.Token).ConfigureAwait(false))
                    await ParkAsync(Timings.RetryPeriod, work, running.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (running.IsCancellationRequested)
            {
                // Shutdown or killed.
            }
            _leading = false;
            await leading.CancelAsync().ConfigureAwait(false);
            if (work is not null)
            {
                // The work's own idleness is its controllers': waiting for it to drain is not this election's business.
                Leave();
                try
                {
                    await work.ConfigureAwait(false);
                }
                finally
                {
                    Enter();
                    if (!_killed.IsCancellationRequested) Release();
                }
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>One renewal, retried every retry period until the renew deadline: false when leadership is lost.</summary>
    private async Task<bool> RenewAsync(CancellationToken ct)
    {
        var started = time.GetUtcNow();
        while (!TryAcquireOrRenew())
        {
            await ParkAsync(Timings.RetryPeriod, null, ct).ConfigureAwait(false);
            if (time.GetUtcNow() - started >= Timings.RenewDeadline) return false;
        }
        return true;
    }

    private bool TryAcquireOrRenew()
    {
        var now = time.GetUtcNow();
        var durationSeconds = (int)Timings.LeaseDuration.TotalSeconds;
        var current = leases.Get(@namespace, name);
        if (current is null)
        {
            var created = leases.Create(@namespace, name, new InMemoryLease(Identity, durationSeconds, now, now, 0));
            if (created is null) return false;
            Observe(created, now);
            return true;
        }
        // Expiry is counted from when this candidate saw the record change, never from the holder's renewTime: clocks of
        // two machines need not agree.
        if (current != _observed) Observe(current, now);
        var mine = current.HolderIdentity == Identity;
        if (!mine && current.HolderIdentity.Length > 0 && _observedTime + TimeSpan.FromSeconds(current.LeaseDurationSeconds) > now)
        {
            return false;
        }
        var updated = leases.Update(@namespace, name, current with
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = durationSeconds,
            AcquireTime = mine ? current.AcquireTime : now,
            RenewTime = now,
            LeaseTransitions = mine ? current.LeaseTransitions : current.LeaseTransitions + 1,
        });
        if (updated is null) return false;
        Observe(updated, now);
        return true;
    }

    private void Observe(InMemoryLease lease, DateTimeOffset now)
    {
        _observed = lease;
        _observedTime = now;
    }

    /// <summary>As KubeLeaderElection releases: no holder and a one-second duration, so a candidate takes it at its next try.</summary>
    private void Release()
    {
        var current = leases.Get(@namespace, name);
        if (current is null || current.HolderIdentity != Identity) return;
        leases.Update(@namespace, name, current with { HolderIdentity = "", LeaseDurationSeconds = 1 });
    }

    /// <summary>Waits <paramref name="delay"/> (or until <paramref name="orUntil"/> ends) counted as idle. The timer exists
    /// before the wait counts as idle, and the wake-up counts as busy inside the timer's callback, so whoever moves a
    /// virtual clock sees the election busy until it waits again.</summary>
    private async Task ParkAsync(TimeSpan delay, Task? orUntil, CancellationToken ct)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var woken = 0;
        void Wake()
        {
            if (Interlocked.Exchange(ref woken, 1) == 1) return;
            Enter();
            wake.TrySetResult();
        }
        await using (time.CreateTimer(_ => Wake(), null, delay, Timeout.InfiniteTimeSpan).ConfigureAwait(false))
        await using (ct.Register(Wake).ConfigureAwait(false))
        {
            Leave();
            if (orUntil is null) await wake.Task.ConfigureAwait(false);
            else await Task.WhenAny(wake.Task, orUntil).ConfigureAwait(false);
            Wake();
        }
        ct.ThrowIfCancellationRequested();
    }

    private void Enter() => Interlocked.Increment(ref _busy);

    private void Leave()
    {
        if (Interlocked.Decrement(ref _busy) == 0) Interlocked.Exchange(ref _idleChanged, NewSource()).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
