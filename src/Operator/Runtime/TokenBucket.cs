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

    /// <summary>The most tokens the bucket holds: more taken at once than this would be spent as one burst after the wait,
    /// which a bucket of the same size on the other side (AWS's) cannot have saved up.</summary>
    public int Burst => (int)_burst;

    /// <summary>Takes one token; returns zero when one was available, else the wait until it will be.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : WaitFor(-_tokens);
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
            wait = after >= 0 ? TimeSpan.Zero : WaitFor(-after);
            if (wait > maxWait)
            {
                return false;
            }
            _tokens = after;
            return true;
        }
    }

    // Rounded up to the next tick: a wait a hair short finds AWS's bucket of the same rate a hair short of the token.
    private TimeSpan WaitFor(double tokens) => TimeSpan.FromTicks((long)Math.Ceiling(tokens / _ratePerSecond * TimeSpan.TicksPerSecond));

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
