using Vpce.Operator.Runtime;

namespace Vpce.Operator.Observe;

/// <summary>One shared read of AWS: fetched at most once per window, and while a fetch is in flight every caller awaits that
/// one (the read is no one object's: it waits for its tokens in place, and its waiters count as waiting for the clock). A failed fetch is not kept: the next caller fetches again. The operator's own writes update it in place.</summary>
public sealed class SnapshotCell<T> where T : class
{
    private readonly Lock _gate = new();
    private Task<T>? _value;
    private DateTimeOffset _fetchedAt;

    public Task<T> GetAsync(Func<Task<T>> fetch, DateTimeOffset now, TimeSpan window)
    {
        lock (_gate)
        {
            if (_value is { } value && !value.IsCompleted)
            {
                return TimedWaits.JoinAsync(value);
            }
            if (_value is { IsCompletedSuccessfully: true } fresh && now - _fetchedAt < window)
            {
                return fresh;
            }
            _fetchedAt = now;
            _value = ReconcileScope.Shared(fetch);
            return _value;
        }
    }

    /// <summary>The value when one was read less than <paramref name="window"/> ago and none is being fetched: what
    /// <see cref="GetAsync"/> would answer without fetching, for callers that then need no fetch to hand over.</summary>
    public bool TryGetFresh(DateTimeOffset now, TimeSpan window, out T value)
    {
        lock (_gate)
        {
            if (_value is { IsCompletedSuccessfully: true } fresh && now - _fetchedAt < window)
            {
                value = fresh.Result;
                return true;
            }
            value = null!;
            return false;
        }
    }

    /// <summary>Replaces the value with a fresh read (the age restarts).</summary>
    public void Set(T value, DateTimeOffset now)
    {
        lock (_gate)
        {
            _value = Task.FromResult(value);
            _fetchedAt = now;
        }
    }

    /// <summary>Changes a value already read (an own write landed); a cell still fetching or never read is left alone.</summary>
    public void Update(Func<T, T> change)
    {
        lock (_gate)
        {
            if (_value is { IsCompletedSuccessfully: true } value)
            {
                _value = Task.FromResult(change(value.Result));
            }
        }
    }

    /// <summary>The value already read, whatever its age; null while none is.</summary>
    public T? Peek()
    {
        lock (_gate)
        {
            return _value is { IsCompletedSuccessfully: true } value ? value.Result : null;
        }
    }

    /// <summary>The next read fetches again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _value = null;
        }
    }
}
