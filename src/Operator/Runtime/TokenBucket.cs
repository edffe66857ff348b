namespace Vpce.Operator.Runtime;

/// <summary>A token bucket on a <see cref="TimeProvider"/> (so virtual time refills it). <see cref="Reserve"/> takes a token and
/// says how long to wait for it (golang.org/x/time/rate's Reserve, as client-go's BucketRateLimiter uses);
/// <see cref="TryReserve"/> does so only when the wait is within a bound. Waiters are served in the order they reserved.</summary>
public sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    // May go negative: tokens already promised to callers that are waiting.
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "must be positive");
        if (burst < 1) throw new ArgumentOutOfRangeException(nameof(burst), "must be at least 1");
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    /// <summary>Takes one token; returns zero when one was available, else the wait until it will be.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }
    }

    /// <summary>Takes one token (or <paramref name="tokens"/>) when free within <paramref name="maxWait"/>, and says how long to wait; false
    /// (and nothing taken) when the wait would be longer.</summary>
    public bool TryReserve(TimeSpan maxWait, out TimeSpan wait, int tokens = 1)
    {
        lock (_gate)
        {
            Refill();
            var after = _tokens - tokens;
            wait = after >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-after / _ratePerSecond);
            if (wait > maxWait)
            {
                return false;
            }
            _tokens = after;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var elapsed = (now - _last).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_burst, _tokens + elapsed * _ratePerSecond);
            _last = now;
        }
    }
}
