using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Runtime;

/// <summary>Runs one controller: informers (one per watched namespace, or one for all) feed a <see cref="WorkQueue"/>,
/// <see cref="ControllerOptions.MaxConcurrentReconciles"/> workers reconcile a copy of the cached object, and the result
/// decides what happens to the key next. A resync queues every cached object each <see cref="ControllerOptions.ResyncInterval"/>.
/// Deletes are queued like any change; when the worker finds the object gone from the cache it calls the reconciler's
/// Forget, so Forget never overlaps a reconcile of the same key. Workers start at once: an object is reconciled as soon
/// as its list page is in the cache, while later pages load. Only the whole list tells whether a key that is not in the
/// cache was deleted, so such a key waits until the cache has synced and is forgotten only if its object is still absent
/// then. The resync starts once the cache has synced. A controller whose reconciles read another kind's cache starts its
/// workers only once that cache is whole (<see cref="AlsoWaitForSyncOf"/>). Each reconcile runs in a log scope with the
/// kind, the key and a reconcile id.</summary>
public sealed class ControllerHost<T> : IControllerHost, IResourceEventHandler<T> where T : class, ICustomResource, new()
{
    private const int NotStarted = 0, Running = 1, Stopped = 2;

    private readonly IReconciler<T> _reconciler;
    private readonly ControllerOptions _options;
    private readonly OperatorMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Informer<T>> _informers;
    private readonly TimedWaits _waits = new();
    private readonly ChangeSignal _changed = new();
    // Other controllers whose caches this one's reconciles read: workers wait for them.
    private readonly List<IControllerHost> _alsoWaitFor = new();
    // Keys taken before the cache synced whose objects were not in it (yet): queued again once it has synced.
    private readonly ConcurrentDictionary<ResourceKey, byte> _waitingForSync = new();
    private int _state = NotStarted;

    /// <param name="events">Where the informers report objects that do not decode (a DecodeFailed event); optional.</param>
    public ControllerHost(IResourceClient<T> client, IReconciler<T> reconciler, ControllerOptions? options = null,
        OperatorMetrics? metrics = null, TimeProvider? time = null, ILogger? logger = null, IEventRecorder? events = null)
    {
        _reconciler = reconciler;
        _options = options ?? new ControllerOptions();
        if (_options.MaxConcurrentReconciles < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrentReconciles must be at least 1");
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Kind = new T().Kind;
        Queue = new WorkQueue(_options.Queue, _time, _metrics, Kind);
        Queue.Changed += _changed.Pulse;
        _waits.Changed += _changed.Pulse;
        var namespaces = _options.Namespaces.Where(ns => !string.IsNullOrEmpty(ns)).Distinct().ToList();
        _informers = namespaces.Count == 0
            ? [new Informer<T>(client, null, this, _time, _logger, events, _metrics)]
            : namespaces.Select(ns => new Informer<T>(client, ns, this, _time, _logger, events, _metrics)).ToList();
        foreach (var informer in _informers) informer.Changed += _changed.Pulse;
    }

    public string Kind { get; }

    public WorkQueue Queue { get; }

    public IReadOnlyList<Informer<T>> Informers => _informers;

    public bool HasSynced => _informers.All(informer => informer.HasSynced);

    /// <summary>Workers start only once <paramref name="other"/> has synced: for a controller whose reconcile reads another
    /// kind's cache, where an object not yet listed would read as absent (client-go's WaitForCacheSync over every informer a
    /// controller uses). A controller whose reconcile reads its own kind's cache as a whole (all objects, not its own)
    /// passes itself. Call before <see cref="RunAsync"/>.</summary>
    public void AlsoWaitForSyncOf(IControllerHost other)
    {
        if (Volatile.Read(ref _state) != NotStarted) throw new InvalidOperationException($"the {Kind} controller is already running");
        _alsoWaitFor.Add(other);
    }

    public async Task WaitForSyncAsync(CancellationToken ct = default)
    {
        while (true)
        {
            var next = _changed.NextAsync();
            if (HasSynced) return;
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public bool IsIdle
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (state == Stopped) return true;
            // Informers before the queue: an informer hands its work to the queue before it reports itself not busy.
            return state == Running
                && _informers.All(informer => informer.HasSynced && !informer.IsBusy)
                && _waitingForSync.IsEmpty
                && IsQueueIdle();
        }
    }

    // Reconciles that wait for the clock (paced AWS calls) are idle too: nothing happens until time moves, and keys ready
    // meanwhile wait for a worker that only the clock frees.
    private bool IsQueueIdle()
    {
        var processing = Queue.ProcessingCount;
        return processing <= _waits.Count && (Queue.Count == 0 || processing >= _options.MaxConcurrentReconciles);
    }

    /// <summary>A copy of the cached object, or null.</summary>
    public T? Get(string @namespace, string name)
    {
        var key = new ResourceKey(Kind, @namespace, name);
        return CacheFor(key)?.Get(key) is { } cached ? ResourceCopy.Of(cached) : null;
    }

    /// <summary>Whether the cache holds the object (no copy made).</summary>
    public bool Has(string @namespace, string name)
    {
        var key = new ResourceKey(Kind, @namespace, name);
        return CacheFor(key)?.Get(key) is not null;
    }

    /// <summary>Copies of every cached object.</summary>
    public IReadOnlyList<T> List() =>
        _informers.SelectMany(informer => informer.Cache.List()).Select(static c => ResourceCopy.Of(c)).ToList();

    public void Enqueue(string @namespace, string name) => Queue.Add(new ResourceKey(Kind, @namespace, name));

    public async Task WaitForIdleAsync(CancellationToken ct = default)
    {
        while (true)
        {
            var next = _changed.NextAsync();
            if (IsIdle) return;
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task RunAsync(CancellationToken ct, CancellationToken abort = default)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
            throw new InvalidOperationException($"the {Kind} controller runs only once");
        _changed.Pulse();
        var informerCts = new CancellationTokenSource();
        var reconcileCts = new CancellationTokenSource();
        ITimer? graceTimer = null;
        Task<ITimer?> synced = Task.FromResult<ITimer?>(null);
        try
        {
            var informers = _informers.Select(informer => Task.Run(() => informer.RunAsync(informerCts.Token), CancellationToken.None)).ToList();
            if (await WaitForOtherCachesAsync(ct).ConfigureAwait(false))
            {
                _logger.LogInformation("{Kind}: starting {Workers} workers; objects are reconciled as their list pages arrive",
                    Kind, _options.MaxConcurrentReconciles);
                synced = OnCacheSyncedAsync(ct);
                var workers = Enumerable.Range(0, _options.MaxConcurrentReconciles)
                    .Select(_ => Task.Run(() => WorkAsync(reconcileCts.Token), CancellationToken.None)).ToList();
                // Registered callbacks run inside Cancel(): the queue stops handing out keys and the grace timer exists
                // before Cancel() returns, so a test can advance virtual time past the grace period right after cancelling.
                await using (ct.Register(() =>
                {
                    _logger.LogInformation("{Kind} controller stopping; {Count} reconciles in flight", Kind, Queue.ProcessingCount);
                    Queue.ShutDown();
                    graceTimer = _time.CreateTimer(_ => CancelQuietly(reconcileCts), null, _options.ShutdownGracePeriod, Timeout.InfiniteTimeSpan);
                }).ConfigureAwait(false))
                await using (abort.Register(() =>
                {
                    _logger.LogWarning("{Kind} controller aborting: {Count} reconciles in flight are cancelled", Kind, Queue.ProcessingCount);
                    Queue.ShutDown();
                    CancelQuietly(reconcileCts);
                }).ConfigureAwait(false))
                {
                    await Task.WhenAll(workers).ConfigureAwait(false);
                }
            }
            (await synced.ConfigureAwait(false))?.Dispose();
            await informerCts.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }
        finally
        {
            if (synced.IsCompletedSuccessfully) synced.Result?.Dispose();
            graceTimer?.Dispose();
            CancelQuietly(informerCts);
            informerCts.Dispose();
            reconcileCts.Dispose();
            Queue.Dispose();
            Volatile.Write(ref _state, Stopped);
            _changed.Pulse();
        }
    }

    /// <summary>True once every controller in <see cref="AlsoWaitForSyncOf"/> has synced; false if <paramref name="ct"/>
    /// ended the wait first.</summary>
    private async Task<bool> WaitForOtherCachesAsync(CancellationToken ct)
    {
        try
        {
            foreach (var other in _alsoWaitFor) await other.WaitForSyncAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Once the cache has synced: the keys that waited for it are queued again and the resync starts (its timer is
    /// the result; null when <paramref name="ct"/> ended the wait first or there is no resync).</summary>
    private async Task<ITimer?> OnCacheSyncedAsync(CancellationToken ct)
    {
        try
        {
            await WaitForSyncAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        _logger.LogInformation("{Kind} cache synced: {Count} objects", Kind, _informers.Sum(informer => informer.Cache.Count));
        foreach (var key in _waitingForSync.Keys)
        {
            if (_waitingForSync.TryRemove(key, out _)) Queue.Add(key);
        }
        return _options.ResyncInterval > TimeSpan.Zero
            ? _time.CreateTimer(_ => Resync(), null, _options.ResyncInterval, _options.ResyncInterval)
            : null;
    }

    /// <summary>Raised for every change the informers see, status changes included, once the cache holds it: another
    /// controller maps it to its own objects (see <see cref="ReferenceWatch"/>). Handlers must be quick and not throw.</summary>
    public event Action<T>? ObjectChanged;

    /// <summary>What <paramref name="map"/> makes of each cached object <paramref name="select"/> picks, without copying the
    /// objects (the cached instances: read them, never change them).</summary>
    public IReadOnlyList<TResult> SelectWhere<TResult>(Func<T, bool> select, Func<T, TResult> map)
    {
        var picked = new List<TResult>();
        foreach (var informer in _informers)
            foreach (var resource in informer.Cache.List())
                if (select(resource)) picked.Add(map(resource));
        return picked;
    }

    /// <summary>Queues every cached object <paramref name="select"/> picks (the cached instances: read them, never change them).</summary>
    public void EnqueueWhere(Func<T, bool> select)
    {
        foreach (var informer in _informers)
            foreach (var resource in informer.Cache.List())
                if (select(resource)) Queue.Add(ResourceKey.Of(resource));
    }

    void IResourceEventHandler<T>.OnAdded(T resource)
    {
        var key = ResourceKey.Of(resource);
        // Listed at last: queued now, with no need to wait for the sync.
        _waitingForSync.TryRemove(key, out _);
        Queue.Add(key);
        _reconciler.Cached(resource);
        ObjectChanged?.Invoke(resource);
    }

    void IResourceEventHandler<T>.OnUpdated(T previous, T current)
    {
        if (ResourceChangePredicate.IsRelevant(previous, current)) Queue.Add(ResourceKey.Of(current));
        _reconciler.Cached(current);
        ObjectChanged?.Invoke(current);
    }

    // Queued, not forgotten here: the worker forgets it, so Forget is serialized with reconciles of the key.
    void IResourceEventHandler<T>.OnDeleted(T resource)
    {
        Queue.Add(ResourceKey.Of(resource));
        ObjectChanged?.Invoke(resource);
    }

    private static void CancelQuietly(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already ended.
        }
    }

    // Each key comes round once per interval, at a phase of its own: a resync of hundreds of objects at one instant would
    // spend the AWS describe budget in a burst and send most of them into throttling backoff. A key already waiting for a
    // later look (its paced turn, a backoff) is left to it.
    private void Resync()
    {
        var interval = _options.ResyncInterval;
        foreach (var informer in _informers)
            foreach (var key in informer.Cache.Keys())
                Queue.AddAfterUnlessWaiting(key, ResyncPhase(key, interval));
    }

    internal static TimeSpan ResyncPhase(ResourceKey key, TimeSpan interval)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in key.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }
        return TimeSpan.FromTicks((long)(hash / (double)uint.MaxValue * interval.Ticks));
    }

    private ResourceCache<T>? CacheFor(ResourceKey key) => InformerFor(key)?.Cache;

    private Informer<T>? InformerFor(ResourceKey key)
    {
        if (_informers.Count == 1 && _informers[0].Namespace is null) return _informers[0];
        return _informers.FirstOrDefault(informer => informer.Namespace == key.Namespace);
    }

    private async Task WorkAsync(CancellationToken reconcileToken)
    {
        while (await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false) is { } key)
        {
            try
            {
                TimedWaits.Current = _waits;
                await ProcessAsync(key, reconcileToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(ResourceKey key, CancellationToken reconcileToken)
    {
        // Every line logged during this reconcile (by the host or the reconciler) carries these.
        using var scope = _logger.BeginScope("{Kind} {Key} reconcile {ReconcileId}", Kind, $"{key.Namespace}/{key.Name}", ReconcileIds.Next());
        ReconcileScope.Enter(key);
        var informer = InformerFor(key);
        var cached = informer?.Cache.Get(key);
        if (cached is null && informer is { HasSynced: false })
        {
            // Not listed yet, or deleted: only the whole list can say. The check after parking catches a sync in between.
            _waitingForSync[key] = 0;
            if (HasSynced && _waitingForSync.TryRemove(key, out _)) Queue.Add(key);
            return;
        }
        if (cached is null)
        {
            Queue.Forget(key);
            try
            {
                _reconciler.Forget(key);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "forgetting {Key} failed", key);
            }
            return;
        }
        var resource = ResourceCopy.ForReconcile(cached);
        var cachedJson = _options.CachedObjectChanged is null ? null : CachedJson(cached);
        var started = _time.GetTimestamp();
        ReconcileResult result;
        try
        {
            try
            {
                result = await _reconciler.ReconcileAsync(resource, reconcileToken).ConfigureAwait(false);
            }
            finally
            {
                // The watch may have brought this reconcile's own write back before the reconcile was done with it.
                if (informer!.Cache.Get(key) is { } now) _reconciler.Cached(now);
                if (cachedJson is not null && CachedJson(cached) is var after && !cachedJson.AsSpan().SequenceEqual(after))
                    _options.CachedObjectChanged!($"the reconcile of {key.Namespace}/{key.Name} changed the cached {Kind}: {Difference(cachedJson, after)}");
            }
        }
        catch (OperationCanceledException) when (reconcileToken.IsCancellationRequested)
        {
            // Shutdown past the grace period: not a failure, and the queue is closed anyway.
            _logger.LogInformation("reconcile of {Key} cancelled by shutdown", key);
            return;
        }
        catch (Exception e)
        {
            _metrics?.RecordReconcile(Kind, ReconcileOutcomes.Error, _time.GetElapsedTime(started));
            var delay = Queue.AddRateLimited(key);
            // Throttling, a conflict, an object gone or undecodable: one line. Anything else is a bug: the stack trace.
            if (ExpectedFailures.IsExpected(e))
                _logger.LogWarning("reconcile of {Key} failed: {Error}; retrying in {Delay}", key, e.Message, delay);
            else
                _logger.LogError(e, "reconcile of {Key} failed; retrying in {Delay}", key, delay);
            return;
        }
        _metrics?.RecordReconcile(Kind, result.Outcome, _time.GetElapsedTime(started));
        if (result.RetryWithBackoff)
        {
            var delay = Queue.AddRateLimited(key);
            _logger.LogDebug("reconcile of {Key} asked for backoff; retrying in {Delay}", key, delay);
        }
        else if (result.RequeueAfter is { } after)
        {
            Queue.Forget(key);
            Queue.AddAfter(key, after);
        }
        else
        {
            // Done and FailedUntilChanged alike: no retry until the object changes or the resync comes round.
            Queue.Forget(key);
        }
    }

    // Where two JSON texts part, with a little of each around it.
    private static string Difference(byte[] before, byte[] after)
    {
        var at = before.AsSpan().CommonPrefixLength(after);
        var from = Math.Max(0, at - 60);
        string Around(byte[] json) => System.Text.Encoding.UTF8.GetString(json, from, Math.Min(json.Length, at + 60) - from);
        return $"…{Around(before)}… became …{Around(after)}…";
    }

    private static byte[] CachedJson(T cached) => JsonSerializer.SerializeToUtf8Bytes(cached, typeof(T), CrdJsonContext.Default);
}
