namespace Vpce.Operator.Aws.Resilience;

/// <summary>A token bucket refilled from a <see cref="TimeProvider"/>, so virtual time in tests, benchmarks and the demo
/// refills it too. It never queues: no token, no call (the work queue's backoff is the wait).</summary>
public sealed class ClockedTokenBucket
{
    private readonly int _burst;
    private readonly double _tokensPerSecond;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private double _tokens;
    private DateTimeOffset _last;

    public ClockedTokenBucket(int burst, double tokensPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        _burst = burst;
        _tokensPerSecond = tokensPerSecond;
        _time = time;
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    /// <summary>Takes a token if one is there.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _tokensPerSecond);
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
