namespace Vpce.Operator.Runtime;

/// <summary>The work queue's limits. The defaults are client-go's default controller rate limiter:
/// per-key exponential backoff from 5 ms doubling up to 1000 s, and a global token bucket of 10 per second, burst 100.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>Delay of a key's first rate-limited retry; each further failure doubles it.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of the per-key backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Rate-limited retries of all keys together, per second (token refill rate).</summary>
    public double RetriesPerSecond { get; init; } = 10;

    /// <summary>Rate-limited retries allowed at once before the per-second rate applies (bucket size).</summary>
    public int RetryBurst { get; init; } = 100;
}
