using System.Runtime.CompilerServices;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Runtime;

/// <summary>Wraps a client so a test can hold lists back (to change the store while no watch is open), hold a list between
/// its pages, hold watch events back (a watch that lags the API server's answers), make lists or watches fail, and see
/// which resourceVersion each watch started from.</summary>
internal sealed class GatedResourceClient<T>(IResourceClient<T> inner) : IResourceClient<T> where T : class, ICustomResource, new()
{
    private readonly object _gate = new();
    private readonly List<string> _watchedFrom = new();
    private TaskCompletionSource _open = Opened();
    private TaskCompletionSource _pagesOpen = Opened();
    private int _pagesBeforeHold;
    // Whose lists wait for _open: null for every namespace's.
    private string? _heldNamespace;
    private int _failures;
    private int _watchFailures;
    // Watch events wait for _eventsOpen from the first one _holdFrom picks on, in order.
    private Func<WatchEvent<T>, bool>? _holdFrom;
    private bool _holdingEvents;
    private TaskCompletionSource _eventsOpen = Opened();

    public int ListCalls;

    /// <summary>List pages fetched from the inner client, over every list.</summary>
    public int PagesFetched;

    /// <summary>The resourceVersion of every watch started, in order.</summary>
    public IReadOnlyList<string> WatchedFrom { get { lock (_gate) return _watchedFrom.ToList(); } }

    /// <summary>Lists (of <paramref name="namespace"/> only, or all) wait until <see cref="ReleaseLists"/>.</summary>
    public void HoldLists(string? @namespace = null)
    {
        lock (_gate)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _heldNamespace = @namespace;
        }
    }

    public void ReleaseLists()
    {
        lock (_gate) _open.TrySetResult();
    }

    /// <summary>Lists deliver <paramref name="pages"/> pages, then fetch the next one only after <see cref="ReleasePages"/>.</summary>
    public void HoldPagesAfter(int pages)
    {
        lock (_gate)
        {
            _pagesOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pagesBeforeHold = pages;
        }
    }

    public void ReleasePages()
    {
        lock (_gate) _pagesOpen.TrySetResult();
    }

    /// <summary>The first watch event <paramref name="from"/> picks, and every one after it, wait until
    /// <see cref="ReleaseWatchEvents"/>: the writes have happened and their answers came back, their events have not.</summary>
    public void HoldWatchEvents(Func<WatchEvent<T>, bool> from)
    {
        lock (_gate)
        {
            _eventsOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holdFrom = from;
            _holdingEvents = false;
        }
    }

    /// <summary>True once a watch event waits for <see cref="ReleaseWatchEvents"/>.</summary>
    public bool HoldsWatchEvents { get { lock (_gate) return _holdingEvents; } }

    public void ReleaseWatchEvents()
    {
        lock (_gate)
        {
            _holdFrom = null;
            _holdingEvents = false;
            _eventsOpen.TrySetResult();
        }
    }

    public void FailLists(int times)
    {
        lock (_gate) _failures = times;
    }

    /// <summary>The next <paramref name="times"/> watches fail as a broken connection does, before delivering anything.</summary>
    public void FailWatches(int times)
    {
        lock (_gate) _watchFailures = times;
    }

    public IAsyncEnumerable<ResourceListPage<T>> ListAsync(string? @namespace, CancellationToken ct) => ListPagesAsync(@namespace, ct);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct)
    {
        lock (_gate)
        {
            _watchedFrom.Add(resourceVersion);
            if (_watchFailures > 0)
            {
                _watchFailures--;
                return Failing();
            }
        }
        return Held(inner.WatchAsync(@namespace, resourceVersion, ct), ct);
    }

    public Task<T?> GetAsync(string @namespace, string name, CancellationToken ct) => inner.GetAsync(@namespace, name, ct);

    public Task<T> PatchStatusAsync(T resource, CancellationToken ct) => inner.PatchStatusAsync(resource, ct);

    public Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        inner.PatchFinalizersAsync(resource, finalizers, ct);

    private async IAsyncEnumerable<ResourceListPage<T>> ListPagesAsync(string? @namespace, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref ListCalls);
        Task open;
        lock (_gate)
        {
            open = _heldNamespace is null || _heldNamespace == @namespace ? _open.Task : Task.CompletedTask;
            if (_failures > 0)
            {
                _failures--;
                throw new HttpRequestException("connection refused");
            }
        }
        await open.WaitAsync(ct);
        var delivered = 0;
        await foreach (var page in inner.ListAsync(@namespace, ct))
        {
            Interlocked.Increment(ref PagesFetched);
            yield return page;
            delivered++;
            // The consumer asks for the next page only once it has handled this one: the next page is fetched after the gate.
            Task pages;
            lock (_gate) pages = delivered >= _pagesBeforeHold && !page.IsLast ? _pagesOpen.Task : Task.CompletedTask;
            await pages.WaitAsync(ct);
        }
    }

    private async IAsyncEnumerable<WatchEvent<T>> Held(IAsyncEnumerable<WatchEvent<T>> events, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in events.WithCancellation(ct))
        {
            Task open;
            lock (_gate)
            {
                _holdingEvents |= _holdFrom is { } from && from(e);
                open = _holdingEvents ? _eventsOpen.Task : Task.CompletedTask;
            }
            await open.WaitAsync(ct);
            yield return e;
        }
    }

    private static async IAsyncEnumerable<WatchEvent<T>> Failing()
    {
        await Task.CompletedTask;
        throw new IOException("the response ended prematurely");
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
