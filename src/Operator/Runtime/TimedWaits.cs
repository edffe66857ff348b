namespace Vpce.Operator.Runtime;

/// <summary>Reconciles of one controller that are waiting for time to pass (a paced AWS call waiting for its token). Such a
/// reconcile holds its worker but does nothing until the clock moves, so on a virtual clock the controller counts as idle
/// while every reconcile in flight waits so. The controller sets <see cref="Current"/> around each reconcile.</summary>
public sealed class TimedWaits
{
    private static readonly AsyncLocal<TimedWaits?> CurrentWaits = new();
    private int _count;

    /// <summary>The waits of the controller whose reconcile runs on this flow; null outside one.</summary>
    public static TimedWaits? Current
    {
        get => CurrentWaits.Value;
        internal set => CurrentWaits.Value = value;
    }

    public int Count => Volatile.Read(ref _count);

    public event Action? Changed;

    /// <summary>Waits for <paramref name="delay"/> on <paramref name="time"/>, counted in the current controller's waits.</summary>
    public static async Task DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken ct)
    {
        // The timer exists before the wait is counted, so whoever sees the count can move the clock past it.
        var wait = Task.Delay(delay, time, ct);
        var waits = Current;
        if (waits is null)
        {
            await wait.ConfigureAwait(false);
            return;
        }
        Interlocked.Increment(ref waits._count);
        waits.Changed?.Invoke();
        try
        {
            await wait.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waits._count);
            waits.Changed?.Invoke();
        }
    }

    /// <summary>Awaits a read another reconcile started and shares (one snapshot read for all). Counted as a timed wait: the
    /// reconcile running the read is counted itself, busy while it works and waiting while it waits for its token, so a
    /// virtual clock moves only when the read, too, waits for the clock.</summary>
    public static async Task<T> JoinAsync<T>(Task<T> shared)
    {
        var waits = Current;
        if (waits is null || shared.IsCompleted)
        {
            return await shared.ConfigureAwait(false);
        }
        Interlocked.Increment(ref waits._count);
        waits.Changed?.Invoke();
        try
        {
            return await shared.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waits._count);
            waits.Changed?.Invoke();
        }
    }
}
