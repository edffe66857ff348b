using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Runtime;

/// <summary>List-then-watch of one kind in one namespace (or all), as client-go's reflector: keeps <see cref="Cache"/> current
/// and tells the handler what changed. A list comes in pages, and each page's objects reach the cache and the handler as
/// the page arrives; the cache has synced once the last page is in. When a watch ends or drops it watches again from the last resourceVersion it saw;
/// it relists only when that resourceVersion expired (410 Gone), and a relist reports objects that vanished meanwhile as
/// deletes. Failures back off from 1 s doubling to 30 s; so does a watch that ends at once without an event (less than a
/// second), which would otherwise spin. An object that does not decode is skipped, never the kind: it is announced once
/// per resourceVersion (a Warning event <see cref="DecodeFailedReason"/> and one log line) and counted in
/// vpce_undecodable_objects until it decodes or is deleted.</summary>
public sealed class Informer<T> where T : class, ICustomResource, new()
{
    public const string DecodeFailedReason = "DecodeFailed";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly IResourceClient<T> _client;
    private readonly IResourceEventHandler<T> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IEventRecorder? _events;
    private readonly OperatorMetrics? _metrics;
    private readonly string _kind;
    private readonly string _apiVersion;
    // The objects that do not decode now, as last seen (their resourceVersion says whether they were announced).
    private readonly ConcurrentDictionary<ResourceKey, UndecodableObject> _undecodable = new();
    private int _lists;
    private int _watches;
    private int _failures;
    private volatile bool _hasSynced;
    // Listing or handling an event: neither waiting for the next watch event nor for a backoff to end.
    private volatile bool _busy = true;
    private string? _lastResourceVersion;

    public Informer(IResourceClient<T> client, string? @namespace, IResourceEventHandler<T> handler,
        TimeProvider? time = null, ILogger? logger = null, IEventRecorder? events = null, OperatorMetrics? metrics = null)
    {
        _client = client;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _events = events;
        _metrics = metrics;
        var prototype = new T();
        _kind = prototype.Kind;
        _apiVersion = prototype.ApiVersion;
        _metrics?.TrackUndecodable(_kind);
    }

    /// <summary>The namespace watched; null for all.</summary>
    public string? Namespace { get; }

    public ResourceCache<T> Cache { get; } = new();

    /// <summary>True once the first list has been loaded into the cache.</summary>
    public bool HasSynced => _hasSynced;

    /// <summary>False only while the informer waits for the next watch event, with every earlier one handled, or for a
    /// backoff to end: then only new events, or the clock, can make it do anything.</summary>
    public bool IsBusy => _busy;

    /// <summary>How many lists have been completed to their last page (the first one and every relist).</summary>
    public int ListCount => Volatile.Read(ref _lists);

    /// <summary>How many watches have been opened (after each list, and again after each watch that ended or dropped).</summary>
    public int WatchCount => Volatile.Read(ref _watches);

    /// <summary>List/watch failures (other than 410 Gone) since the last list or watch that worked; each doubles the wait before the next try.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>The resourceVersion of the last list or event seen: where the next watch starts.</summary>
    public string? LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    /// <summary>The objects that do not decode now.</summary>
    public IReadOnlyList<UndecodableObject> Undecodable => _undecodable.Values.ToList();

    /// <summary>Raised when <see cref="HasSynced"/> or <see cref="IsBusy"/> changes.</summary>
    public event Action? Changed;

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // Null: the next step is a list (at the start and after 410 Gone); otherwise the watch resumes from here.
        string? watchFrom = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                SetBusy(true);
                if (watchFrom is null)
                {
                    watchFrom = await ListAsync(ct).ConfigureAwait(false);
                    Volatile.Write(ref _failures, 0);
                }
                var started = _time.GetTimestamp();
                var delivered = await WatchAsync(watchFrom, ct).ConfigureAwait(false);
                watchFrom = LastResourceVersion ?? watchFrom;
                if (delivered == 0 && _time.GetElapsedTime(started) < ShortWatch)
                {
                    // client-go's "very short watch": the server ends watches at once; back off instead of spinning.
                    var (wait, delay) = StartBackoff(ct);
                    _logger.LogInformation("watch of {Kind} in {Namespace} ended at once without an event; watching again from {ResourceVersion} in {Delay}",
                        _kind, NamespaceText, watchFrom, delay);
                    await wait.ConfigureAwait(false);
                    continue;
                }
                _logger.LogDebug("watch of {Kind} in {Namespace} ended; watching again from {ResourceVersion}",
                    _kind, NamespaceText, watchFrom);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ResourceExpiredException e)
            {
                // Expected when the watch falls behind etcd's compaction: relist at once.
                _logger.LogInformation("watch of {Kind} in {Namespace} expired ({Message}); relisting", _kind, NamespaceText, e.Message);
                watchFrom = null;
            }
            catch (Exception e)
            {
                // A list that failed is retried as a list; a watch that failed resumes from the last resourceVersion seen.
                var (wait, delay) = StartBackoff(ct);
                if (watchFrom is null)
                    _logger.LogWarning("list of {Kind} in {Namespace} failed ({Error}); retrying in {Delay}", _kind, NamespaceText, e.Message, delay);
                else
                    _logger.LogWarning("watch of {Kind} in {Namespace} failed ({Error}); watching again from {ResourceVersion} in {Delay}",
                        _kind, NamespaceText, e.Message, watchFrom, delay);
                try
                {
                    await wait.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        SetBusy(false);
    }

    private string NamespaceText => Namespace ?? "all namespaces";

    private (Task Wait, TimeSpan Delay) StartBackoff(CancellationToken ct)
    {
        var delay = Backoff(ConsecutiveFailures);
        var wait = BackoffAsync(delay, ct);
        // Counted once the timer exists, so a test that sees the count can advance virtual time past it.
        Interlocked.Increment(ref _failures);
        return (wait, delay);
    }

    /// <summary>Waits out a backoff as not busy: nothing happens until the clock moves (an API server that is away must not
    /// keep a virtual clock from moving). The timer exists before the informer says so, and the wake-up marks it busy inside
    /// the timer's callback, so whoever moves a virtual clock sees it busy until it waits again.</summary>
    private async Task BackoffAsync(TimeSpan delay, CancellationToken ct)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        var woken = false;
        void Wake(bool cancelled)
        {
            lock (gate)
            {
                woken = true;
                SetBusy(true);
            }
            if (cancelled) wake.TrySetCanceled(ct);
            else wake.TrySetResult();
        }
        await using (_time.CreateTimer(_ => Wake(cancelled: false), null, delay, Timeout.InfiniteTimeSpan).ConfigureAwait(false))
        await using (ct.Register(() => Wake(cancelled: true)).ConfigureAwait(false))
        {
            lock (gate)
            {
                if (!woken) SetBusy(false);
            }
            await wake.Task.ConfigureAwait(false);
        }
    }

    private static TimeSpan Backoff(int failures)
    {
        var ticks = InitialBackoff.Ticks * Math.Pow(2, Math.Min(failures, 30));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Lists page by page: each page's objects go into the cache and to the handler as the page arrives, so they
    /// can be reconciled while later pages load. Only the whole list says which objects are gone: the deletes are
    /// synthesized after the last page, and the cache counts as synced only then.</summary>
    private async Task<string> ListAsync(CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var listed = new HashSet<ResourceKey>();
        var undecodable = new HashSet<ResourceKey>();
        var pages = 0;
        await foreach (var page in _client.ListAsync(Namespace, ct).ConfigureAwait(false))
        {
            pages++;
            if (page.StartsOver)
            {
                // What the earlier pages listed may since have gone: only this list's pages count from here.
                _logger.LogInformation("list of {Kind} in {Namespace} expired after {Pages} pages; listed again from the start",
                    _kind, NamespaceText, pages - 1);
                listed.Clear();
                undecodable.Clear();
            }
            foreach (var decoded in page.Items)
            {
                var item = CacheTrim.Trim(decoded);
                var key = ResourceKey.Of(item);
                listed.Add(key);
                Decoded(key);
                var previous = Cache.Put(item);
                if (previous is null) _handler.OnAdded(item);
                else if (previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion) _handler.OnUpdated(previous, item);
            }
            foreach (var item in page.Undecodable)
            {
                undecodable.Add(KeyOf(item));
                await UndecodableAsync(item, ct).ConfigureAwait(false);
            }
            if (!page.IsLast) continue;
            // Deleted while the watch was down: no event will ever say so, so synthesize the deletes.
            foreach (var key in Cache.Keys().Where(key => !listed.Contains(key)))
            {
                if (Cache.Remove(key) is { } gone) _handler.OnDeleted(gone);
            }
            foreach (var key in _undecodable.Keys.Where(key => !undecodable.Contains(key))) Decoded(key);
            Interlocked.Increment(ref _lists);
            Volatile.Write(ref _lastResourceVersion, page.ResourceVersion);
            _logger.LogInformation("listed {Count} {Kind} in {Namespace} in {Pages} pages ({Elapsed} ms)",
                listed.Count, _kind, NamespaceText, pages, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            if (!_hasSynced)
            {
                _hasSynced = true;
                Changed?.Invoke();
            }
            return page.ResourceVersion;
        }
        throw new IOException($"the list of {_kind} in {NamespaceText} ended before its last page");
    }

    /// <summary>Watches until the stream ends; returns how many events it delivered.</summary>
    private async Task<int> WatchAsync(string resourceVersion, CancellationToken ct)
    {
        Interlocked.Increment(ref _watches);
        var delivered = 0;
        var events = _client.WatchAsync(Namespace, resourceVersion, ct).GetAsyncEnumerator(ct);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                var next = events.MoveNextAsync();
                // Only now, with every earlier event handled and nothing delivered yet, is the informer idle.
                if (!next.IsCompleted) SetBusy(false);
                var hasEvent = await next.ConfigureAwait(false);
                SetBusy(true);
                if (!hasEvent) return delivered;
                if (delivered++ == 0) Volatile.Write(ref _failures, 0);
                await HandleAsync(events.Current, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(WatchEvent<T> watchEvent, CancellationToken ct)
    {
        // The resourceVersion moves only once the event is handled: a watch that fails meanwhile resumes before it.
        if (watchEvent.Undecodable is { } undecodable)
        {
            if (watchEvent.Kind == WatchEventKind.Deleted) Deleted(KeyOf(undecodable), null);
            else if (watchEvent.Kind != WatchEventKind.Bookmark) await UndecodableAsync(undecodable, ct).ConfigureAwait(false);
            if (undecodable.ResourceVersion is { } seen) Volatile.Write(ref _lastResourceVersion, seen);
            return;
        }
        var resource = CacheTrim.Trim(watchEvent.Object!);
        switch (watchEvent.Kind)
        {
            case WatchEventKind.Added:
            case WatchEventKind.Modified:
                Decoded(ResourceKey.Of(resource));
                var previous = Cache.Put(resource);
                if (previous is null) _handler.OnAdded(resource);
                else _handler.OnUpdated(previous, resource);
                break;
            case WatchEventKind.Deleted:
                Deleted(ResourceKey.Of(resource), resource);
                break;
            case WatchEventKind.Bookmark:
                break;
        }
        if (resource.Metadata.ResourceVersion is { } version) Volatile.Write(ref _lastResourceVersion, version);
    }

    private void Deleted(ResourceKey key, T? resource)
    {
        Decoded(key);
        var removed = Cache.Remove(key);
        if ((removed ?? resource) is { } gone) _handler.OnDeleted(gone);
    }

    // The object is readable again, or gone: it leaves the undecodable set.
    private void Decoded(ResourceKey key)
    {
        if (!_undecodable.TryRemove(key, out var was)) return;
        _metrics?.SetUndecodable(_kind, was.Namespace, was.Name, false);
        _logger.LogInformation("{Kind} {Namespace}/{Name} decodes again, or is gone", _kind, was.Namespace, was.Name);
    }

    private async Task UndecodableAsync(UndecodableObject undecodable, CancellationToken ct)
    {
        var key = KeyOf(undecodable);
        // A cached older version no longer says what the user wants: stop acting on it (the handler sees a delete).
        if (Cache.Remove(key) is { } stale) _handler.OnDeleted(stale);
        var known = _undecodable.TryGetValue(key, out var earlier)
            && earlier.Uid == undecodable.Uid && earlier.ResourceVersion == undecodable.ResourceVersion;
        _undecodable[key] = undecodable;
        if (known) return;
        _metrics?.SetUndecodable(_kind, undecodable.Namespace, undecodable.Name, true);
        var expected = undecodable.ExpectedType ?? "another type";
        _logger.LogWarning("{Kind} {Namespace}/{Name} (resourceVersion {ResourceVersion}) does not decode: {Path} is not {ExpectedType}; skipped until it is fixed",
            _kind, undecodable.Namespace, undecodable.Name, undecodable.ResourceVersion, undecodable.FieldPath, expected);
        if (_events is null) return;
        try
        {
            await _events.RecordAsync(new ObjectReference(_apiVersion, _kind, undecodable.Namespace, undecodable.Name, undecodable.Uid, undecodable.ResourceVersion),
                EventTypes.Warning, DecodeFailedReason,
                $"{undecodable.FieldPath}: expected {expected}; the operator ignores this object until it is fixed",
                ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Events are advisory: the log line and the gauge say the same.
            _logger.LogWarning("could not record {Reason} on {Kind} {Namespace}/{Name}: {Error}", DecodeFailedReason, _kind,
                undecodable.Namespace, undecodable.Name, e.Message);
        }
    }

    private ResourceKey KeyOf(UndecodableObject undecodable) => new(_kind, undecodable.Namespace, undecodable.Name);

    private void SetBusy(bool busy)
    {
        if (_busy == busy) return;
        _busy = busy;
        Changed?.Invoke();
    }
}
