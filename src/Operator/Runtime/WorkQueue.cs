using Vpce.Operator.Observability;

namespace Vpce.Operator.Runtime;

/// <summary>The controller's work queue, with client-go's semantics: a key waiting in the queue is held once however often
/// it is added; a key being processed is never handed to a second worker — added meanwhile, it is marked dirty and queued
/// again when <see cref="Done"/> is called; rate-limited adds wait for the key's exponential backoff and the global token
/// bucket; delayed adds wait on <see cref="TimeProvider"/> timers, so tests run in virtual time. With metrics, it reports
/// client-go's work-queue series under its name: depth, adds, retries, time waiting in the queue and time held by a worker.</summary>
public sealed class WorkQueue : IDisposable
{
    private static readonly TimeSpan MinimumTimerDue = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenBucket _bucket;
    private readonly Queue<ResourceKey> _queue = new();
    // Keys that need processing: queued, or added again while being processed.
    private readonly HashSet<ResourceKey> _dirty = new();
    private readonly HashSet<ResourceKey> _processing = new();
    private readonly Dictionary<ResourceKey, int> _failures = new();
    // Delayed keys: the authoritative ready time per key; the heap may hold stale entries, skipped when popped.
    private readonly Dictionary<ResourceKey, DateTimeOffset> _waiting = new();
    private readonly PriorityQueue<ResourceKey, DateTimeOffset> _waitingByTime = new();
    private readonly LinkedList<TaskCompletionSource<ResourceKey?>> _getters = new();
    private readonly ITimer _timer;
    private readonly OperatorMetrics? _metrics;
    private readonly Func<int> _depth;
    // For the duration histograms (timestamps of _time): since when a key waits in the queue, since when a worker holds it.
    private readonly Dictionary<ResourceKey, long> _queuedSince = new();
    private readonly Dictionary<ResourceKey, long> _processingSince = new();
    private bool _shuttingDown;

    public WorkQueue(WorkQueueOptions? options = null, TimeProvider? time = null, OperatorMetrics? metrics = null, string name = "")
    {
        _options = options ?? new WorkQueueOptions();
        _time = time ?? TimeProvider.System;
        _bucket = new TokenBucket(_options.RetriesPerSecond, _options.RetryBurst, _time);
        _timer = _time.CreateTimer(_ => ReleaseDueKeys(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Name = name;
        _metrics = metrics;
        _depth = () => Count;
        _metrics?.TrackWorkQueue(Name, _depth);
    }

    /// <summary>The name label of the queue's metrics (the controller's kind).</summary>
    public string Name { get; }

    /// <summary>Raised after any change of what is queued, delayed or processing (outside the queue's lock).</summary>
    public event Action? Changed;

    /// <summary>Keys ready to be handed out.</summary>
    public int Count { get { lock (_gate) return _queue.Count; } }

    /// <summary>Keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount { get { lock (_gate) return _processing.Count; } }

    /// <summary>Keys waiting for their delay (AddAfter, AddRateLimited) to pass.</summary>
    public int DelayedCount { get { lock (_gate) return _waiting.Count; } }

    /// <summary>Nothing ready and nothing processing (delayed keys do not count: they wait for time to pass).</summary>
    public bool IsIdle { get { lock (_gate) return _queue.Count == 0 && _processing.Count == 0; } }

    public bool IsShuttingDown { get { lock (_gate) return _shuttingDown; } }

    public void Add(ResourceKey key)
    {
        lock (_gate) AddLocked(key);
        Changed?.Invoke();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; a key already waiting keeps the sooner of the two times.</summary>
    public void AddAfter(ResourceKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            if (_shuttingDown) return;
            var readyAt = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var existing) && existing <= readyAt) return;
            _waiting[key] = readyAt;
            _waitingByTime.Enqueue(key, readyAt);
            ArmTimerLocked();
        }
        Changed?.Invoke();
    }

    /// <summary>The resync's add: like <see cref="AddAfter"/>, but a key already waiting for a later time (a paced turn, a
    /// backoff) keeps it: looking earlier could do nothing the later look will not.</summary>
    public void AddAfterUnlessWaiting(ResourceKey key, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_waiting.ContainsKey(key)) return;
        }
        AddAfter(key, delay);
    }

    /// <summary>Adds the key after the longer of its exponential backoff and the global bucket's wait; returns that delay.</summary>
    public TimeSpan AddRateLimited(ResourceKey key)
    {
        TimeSpan backoff;
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            backoff = ExponentialDelay(failures);
        }
        _metrics?.RecordWorkQueueRetry(Name);
        var bucketWait = _bucket.Reserve();
        var delay = backoff > bucketWait ? backoff : bucketWait;
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Resets the key's backoff (after a success).</summary>
    public void Forget(ResourceKey key)
    {
        lock (_gate) _failures.Remove(key);
    }

    /// <summary>Rate-limited adds of the key since its last <see cref="Forget"/>.</summary>
    public int NumRequeues(ResourceKey key)
    {
        lock (_gate) return _failures.GetValueOrDefault(key);
    }

    /// <summary>Waits for a key and marks it processing; null once the queue shuts down.
    /// The caller must call <see cref="Done"/> with the key when it has finished.</summary>
    public async Task<ResourceKey?> GetAsync(CancellationToken ct)
    {
        TaskCompletionSource<ResourceKey?> getter;
        LinkedListNode<TaskCompletionSource<ResourceKey?>> node;
        lock (_gate)
        {
            if (_shuttingDown) return null;
            if (_queue.Count > 0)
            {
                var key = _queue.Dequeue();
                StartProcessingLocked(key);
                return key;
            }
            // Asynchronous continuations: a worker must never run its reconcile inline on the thread that added the key.
            getter = new TaskCompletionSource<ResourceKey?>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _getters.AddLast(getter);
        }
        await using var registration = ct.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is not null) _getters.Remove(node);
            }
            getter.TrySetCanceled(ct);
        }).ConfigureAwait(false);
        return await getter.Task.ConfigureAwait(false);
    }

    /// <summary>Ends the processing of a key; if it was added meanwhile, it is queued again.</summary>
    public void Done(ResourceKey key)
    {
        lock (_gate)
        {
            if (_processing.Remove(key) && _processingSince.Remove(key, out var since))
                _metrics?.RecordWorkQueueWork(Name, _time.GetElapsedTime(since));
            if (_dirty.Contains(key) && !_shuttingDown) EnqueueLocked(key);
        }
        Changed?.Invoke();
    }

    /// <summary>Stops handing out keys: waiting and later <see cref="GetAsync"/> calls return null; adds are ignored.</summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<ResourceKey?>> getters;
        lock (_gate)
        {
            if (_shuttingDown) return;
            _shuttingDown = true;
            getters = _getters.ToList();
            _getters.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        foreach (var getter in getters) getter.TrySetResult(null);
        Changed?.Invoke();
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _metrics?.UntrackWorkQueue(Name, _depth);
    }

    private TimeSpan ExponentialDelay(int failures)
    {
        // 2^failures overflows long before the cap matters; compare in doubles.
        var ticks = _options.BaseDelay.Ticks * Math.Pow(2, Math.Min(failures, 62));
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void AddLocked(ResourceKey key)
    {
        if (_shuttingDown || !_dirty.Add(key)) return;
        // As client-go: counted and timed from the moment it needs processing, even while a worker still holds it.
        _metrics?.RecordWorkQueueAdd(Name);
        _queuedSince[key] = _time.GetTimestamp();
        // Being processed: Done queues it again, so no second worker ever holds it.
        if (_processing.Contains(key)) return;
        EnqueueLocked(key);
    }

    private void EnqueueLocked(ResourceKey key)
    {
        var getter = _getters.First;
        if (getter is not null)
        {
            _getters.RemoveFirst();
            StartProcessingLocked(key);
            getter.Value.TrySetResult(key);
            return;
        }
        _queue.Enqueue(key);
    }

    private void StartProcessingLocked(ResourceKey key)
    {
        _processing.Add(key);
        _dirty.Remove(key);
        var now = _time.GetTimestamp();
        if (_queuedSince.Remove(key, out var since)) _metrics?.RecordWorkQueueWait(Name, _time.GetElapsedTime(since, now));
        _processingSince[key] = now;
    }

    private void ReleaseDueKeys()
    {
        var released = false;
        lock (_gate)
        {
            if (_shuttingDown) return;
            var now = _time.GetUtcNow();
            while (_waitingByTime.TryPeek(out var key, out var readyAt) && readyAt <= now)
            {
                _waitingByTime.Dequeue();
                // A stale heap entry: the key was moved to a sooner time, or already released.
                if (!_waiting.TryGetValue(key, out var current) || current != readyAt) continue;
                _waiting.Remove(key);
                AddLocked(key);
                released = true;
            }
            ArmTimerLocked();
        }
        if (released) Changed?.Invoke();
    }

    private void ArmTimerLocked()
    {
        while (_waitingByTime.TryPeek(out var key, out var readyAt))
        {
            if (_waiting.TryGetValue(key, out var current) && current == readyAt)
            {
                // At least a millisecond: a zero due time may fire inline (FakeTimeProvider does), re-entering under the lock.
                var due = readyAt - _time.GetUtcNow();
                _timer.Change(due > MinimumTimerDue ? due : MinimumTimerDue, Timeout.InfiniteTimeSpan);
                return;
            }
            _waitingByTime.Dequeue();
        }
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
