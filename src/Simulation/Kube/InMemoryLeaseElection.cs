using System.Globalization;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>Leader election on an <see cref="InMemoryLeases"/> Lease with the rules of <c>KubeLeaderElection</c>: a
/// candidate takes a Lease that does not exist, that was released (empty holder), or that has run out by
/// <see cref="LeaseExpiry"/> (on its own clock, from its polls), and tries again a retry period later or exactly when the
/// Lease runs out, whichever is sooner; the leader renews every retry period and stops leading when no renewal succeeded
/// within the renew deadline of the last one that did. A clean shutdown releases the Lease as <c>KubeLeaderElection</c>
/// does; <see cref="Kill"/> is a process killed hard, which releases nothing. Several instances on one store elect one
/// leader. When the store is away (<see cref="InMemoryKube.TakeAway"/>) a try is lost and a release given up, as
/// KubeLeaderElection does on a refused connection. Time is <paramref name="time"/>'s: on a virtual clock <see cref="IsIdle"/> says the election only waits for the
/// clock to move.</summary>
public sealed class InMemoryLeaseElection(
    InMemoryLeases leases, string @namespace, string name, string identity, TimeProvider time, LeaseTimings? timings = null) : ILeaderElection
{
    private readonly CancellationTokenSource _killed = new();
    private TaskCompletionSource _idleChanged = NewSource();
    private int _busy;
    private int _started;
    private LeaseExpiry? _seen;
    private volatile bool _leading;
    private volatile bool _cutOff;

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

    /// <summary>The process loses the API server but runs on: every read and write of the Lease fails from here, so a
    /// leader leads on until its renew deadline, and a standby never takes over.</summary>
    public void CutOff() => _cutOff = true;

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
                TimeSpan nextTry;
                while (!TryAcquireOrRenew(out nextTry)) await ParkAsync(nextTry, null, running.Token).ConfigureAwait(false);
                _leading = true;
                AcquiredAt = time.GetUtcNow();
                var renewed = AcquiredAt.Value;
                work = whileLeading(leading.Token);
                while (true)
                {
                    await ParkAsync(Timings.RetryPeriod, work, running.Token).ConfigureAwait(false);
                    if (work.IsCompleted) break;
                    var attempt = time.GetUtcNow();
                    if (TryAcquireOrRenew(out _)) renewed = attempt;
                    // The margin LeaseTimings checks: a standby takes over no sooner than renewed + lease duration − retry period.
                    else if (time.GetUtcNow() - renewed >= Timings.RenewDeadline) break;
                }
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
                    if (!_killed.IsCancellationRequested && !_cutOff) Release();
                }
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>One poll of the Lease, and a write when it is free for this instance; <paramref name="nextTry"/> is the wait
    /// before the next poll when it was not won.</summary>
    private bool TryAcquireOrRenew(out TimeSpan nextTry)
    {
        nextTry = Timings.RetryPeriod;
        try
        {
            return TryAcquireOrRenewCore(ref nextTry);
        }
        catch (KubeUnavailableException)
        {
            return false;
        }
    }

    private bool TryAcquireOrRenewCore(ref TimeSpan nextTry)
    {
        var now = time.GetUtcNow();
        if (_cutOff) return false;
        var current = leases.Get(@namespace, name);
        if (current is null)
        {
            var created = leases.Create(@namespace, name, new InMemoryLease(Identity, Timings.LeaseDurationSeconds, now, now, 0));
            if (created is null) return false;
            Observe(created, now);
            return true;
        }
        var seen = Observe(current, now);
        if (!seen.IsFreeFor(Identity, now))
        {
            nextTry = seen.NextTryIn(now, Timings.RetryPeriod);
            return false;
        }
        var mine = current.HolderIdentity == Identity;
        var updated = leases.Update(@namespace, name, current with
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = Timings.LeaseDurationSeconds,
            AcquireTime = mine ? current.AcquireTime : now,
            RenewTime = now,
            LeaseTransitions = mine ? current.LeaseTransitions : current.LeaseTransitions + 1,
        });
        // Null: another write came first (409 Conflict); the next poll sees it.
        if (updated is null) return false;
        Observe(updated, now);
        return true;
    }

    private LeaseExpiry Observe(InMemoryLease lease, DateTimeOffset now) =>
        _seen = LeaseExpiry.Observe(_seen, lease.ResourceVersion.ToString(CultureInfo.InvariantCulture), lease.HolderIdentity,
            lease.LeaseDurationSeconds, now, Timings.RetryPeriod);

    /// <summary>As KubeLeaderElection releases: no holder and a one-second duration, so a candidate takes it at its next try.</summary>
    private void Release()
    {
        try
        {
            var current = leases.Get(@namespace, name);
            if (current is null || current.HolderIdentity != Identity) return;
            leases.Update(@namespace, name, current with { HolderIdentity = "", LeaseDurationSeconds = 1 });
        }
        catch (KubeUnavailableException)
        {
            // The Lease runs out by itself.
        }
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
