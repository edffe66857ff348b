using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// Fault injection: failing calls, added latency and a full outage. Operation names are "service:Operation"
/// as in <see cref="AwsCallCounter"/>. During an outage every call throws <see cref="AwsUnavailableException"/>,
/// the port's own word for "AWS is failing as a whole", so controllers see what an adapter reports after a 5xx
/// or a timeout; inject a single 503 with <see cref="FailNext"/> and code "ServiceUnavailable" instead.
/// </summary>
public sealed class AwsFaults
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Queue<AwsApiException>> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _latencyByOperation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Action>> _betweenPages = new(StringComparer.Ordinal);
    private TimeSpan _latency;
    private bool _outage;

    public bool IsOutage
    {
        get { lock (_sync) return _outage; }
    }

    /// <summary>The next <paramref name="count"/> calls of the operation fail with this AWS error.</summary>
    public void FailNext(string operation, string code, int count = 1, int statusCode = 400, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_sync)
        {
            if (!_failures.TryGetValue(operation, out var queue))
                _failures[operation] = queue = new Queue<AwsApiException>();
            for (var i = 0; i < count; i++)
                queue.Enqueue(new AwsApiException(code, message ?? $"Injected fault for {operation}.", statusCode));
        }
    }

    /// <summary>Runs <paramref name="change"/> (a World or Tamper change) once, between two pages of the next listing of the
    /// operation that has more than one: the next page is read from the listing as it is after it.</summary>
    public void BetweenPages(string operation, Action change)
    {
        lock (_sync)
        {
            if (!_betweenPages.TryGetValue(operation, out var queue))
                _betweenPages[operation] = queue = new Queue<Action>();
            queue.Enqueue(change);
        }
    }

    /// <summary>Latency added to every call (awaited on the simulator's TimeProvider).</summary>
    public void SetLatency(TimeSpan latency)
    {
        lock (_sync) _latency = latency;
    }

    /// <summary>Latency added to calls of one operation, instead of the global latency.</summary>
    public void SetLatency(string operation, TimeSpan latency)
    {
        lock (_sync) _latencyByOperation[operation] = latency;
    }

    public void StartOutage()
    {
        lock (_sync) _outage = true;
    }

    public void EndOutage()
    {
        lock (_sync) _outage = false;
    }

    /// <summary>Removes every fault: pending failures, latencies and the outage.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _failures.Clear();
            _betweenPages.Clear();
            _latencyByOperation.Clear();
            _latency = TimeSpan.Zero;
            _outage = false;
        }
    }

    internal TimeSpan LatencyFor(string operation)
    {
        lock (_sync) return _latencyByOperation.TryGetValue(operation, out var latency) ? latency : _latency;
    }

    internal Action? TakeBetweenPages(string operation)
    {
        lock (_sync)
            return _betweenPages.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
    }

    internal AwsApiException? TakeFailure(string operation)
    {
        lock (_sync)
        {
            if (!_failures.TryGetValue(operation, out var queue) || queue.Count == 0)
                return null;
            return queue.Dequeue();
        }
    }
}
