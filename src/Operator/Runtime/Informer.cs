using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Runtime;

/// <summary>List-then-watch of one kind in one namespace (or all): keeps <see cref="Cache"/> current and tells the handler
/// what changed. Relists when the watch's resourceVersion expired (410 Gone) and when the watch ends or drops; a relist
/// reports objects that vanished meanwhile as deletes. Failures (other than 410) back off from 1 s doubling to 30 s.</summary>
public sealed class Informer<T> where T : class, ICustomResource, new()
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IResourceClient<T> _client;
    private readonly IResourceEventHandler<T> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _lists;
    private int _failures;
    private volatile bool _hasSynced;
    // Listing, handling an event or backing off: anything but waiting for the next watch event.
    private volatile bool _busy = true;
    private string? _lastResourceVersion;

    public Informer(IResourceClient<T> client, string? @namespace, IResourceEventHandler<T> handler,
        TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The namespace watched; null for all.</summary>
    public string? Namespace { get; }

    public ResourceCache<T> Cache { get; } = new();

    /// <summary>True once the first list has been loaded into the cache.</summary>
    public bool HasSynced => _hasSynced;

    /// <summary>False only while the informer waits for the next watch event, with every earlier one handled.</summary>
    public bool IsBusy => _busy;

    /// <summary>How many lists have been made (the first one and every relist).</summary>
    public int ListCount => Volatile.Read(ref _lists);

    /// <summary>List/watch failures (other than 410 Gone) since the last successful list; each doubles the wait before the next try.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>The resourceVersion of the last list or event seen.</summary>
    public string? LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    /// <summary>Raised when <see cref="HasSynced"/> or <see cref="IsBusy"/> changes.</summary>
    public event Action? Changed;

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                SetBusy(true);
                var resourceVersion = await ListAsync(ct).ConfigureAwait(false);
                Volatile.Write(ref _failures, 0);
                await WatchAsync(resourceVersion, ct).ConfigureAwait(false);
                _logger.LogDebug("watch of {Kind} in {Namespace} ended; relisting", typeof(T).Name, Namespace ?? "all namespaces");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ResourceExpiredException e)
            {
                // Expected when the watch falls behind etcd's compaction: relist at once.
                _logger.LogInformation("watch of {Kind} expired ({Message}); relisting", typeof(T).Name, e.Message);
            }
            catch (Exception e)
            {
                var delay = Backoff(ConsecutiveFailures);
                _logger.LogWarning(e, "list/watch of {Kind} in {Namespace} failed; retrying in {Delay}",
                    typeof(T).Name, Namespace ?? "all namespaces", delay);
                try
                {
                    var wait = Task.Delay(delay, _time, ct);
                    // Counted once the timer exists, so a test that sees the count can advance virtual time past it.
                    Interlocked.Increment(ref _failures);
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

    private static TimeSpan Backoff(int failures)
    {
        var ticks = InitialBackoff.Ticks * Math.Pow(2, Math.Min(failures, 30));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var list = await _client.ListAsync(Namespace, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _lists);
        var listed = new HashSet<ResourceKey>();
        foreach (var item in list.Items)
        {
            listed.Add(ResourceKey.Of(item));
            var previous = Cache.Put(item);
            if (previous is null) _handler.OnAdded(item);
            else if (previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion) _handler.OnUpdated(previous, item);
        }
        // Deleted while the watch was down: no event will ever say so, so synthesize the deletes.
        foreach (var key in Cache.Keys().Where(key => !listed.Contains(key)))
        {
            if (Cache.Remove(key) is { } gone) _handler.OnDeleted(gone);
        }
        Volatile.Write(ref _lastResourceVersion, list.ResourceVersion);
        if (!_hasSynced)
        {
            _hasSynced = true;
            Changed?.Invoke();
        }
        return list.ResourceVersion;
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken ct)
    {
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
                if (!hasEvent) return;
                Handle(events.Current);
            }
        }
    }

    private void Handle(WatchEvent<T> watchEvent)
    {
        // Reporting objects that do not decode comes with the informer's next change; until then they are skipped.
        if (watchEvent.Object is not { } resource) return;
        if (resource.Metadata.ResourceVersion is { } version) Volatile.Write(ref _lastResourceVersion, version);
        switch (watchEvent.Kind)
        {
            case WatchEventKind.Added:
            case WatchEventKind.Modified:
                var previous = Cache.Put(resource);
                if (previous is null) _handler.OnAdded(resource);
                else _handler.OnUpdated(previous, resource);
                break;
            case WatchEventKind.Deleted:
                var removed = Cache.Remove(ResourceKey.Of(resource));
                _handler.OnDeleted(removed ?? resource);
                break;
            case WatchEventKind.Bookmark:
                break;
        }
    }

    private void SetBusy(bool busy)
    {
        if (_busy == busy) return;
        _busy = busy;
        Changed?.Invoke();
    }
}
