using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Runtime;

/// <summary>Wraps a client so a test can hold lists back (to change the store while no watch is open), make lists or
/// watches fail, and see which resourceVersion each watch started from.</summary>
internal sealed class GatedResourceClient<T>(IResourceClient<T> inner) : IResourceClient<T> where T : class, ICustomResource, new()
{
    private readonly object _gate = new();
    private readonly List<string> _watchedFrom = new();
    private TaskCompletionSource _open = Opened();
    // Whose lists wait for _open: null for every namespace's.
    private string? _heldNamespace;
    private int _failures;
    private int _watchFailures;

    public int ListCalls;

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

    public void FailLists(int times)
    {
        lock (_gate) _failures = times;
    }

    /// <summary>The next <paramref name="times"/> watches fail as a broken connection does, before delivering anything.</summary>
    public void FailWatches(int times)
    {
        lock (_gate) _watchFailures = times;
    }

    public async Task<ResourceList<T>> ListAsync(string? @namespace, CancellationToken ct)
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
        return await inner.ListAsync(@namespace, ct);
    }

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
        return inner.WatchAsync(@namespace, resourceVersion, ct);
    }

    public Task<T?> GetAsync(string @namespace, string name, CancellationToken ct) => inner.GetAsync(@namespace, name, ct);

    public Task<T> PatchStatusAsync(T resource, CancellationToken ct) => inner.PatchStatusAsync(resource, ct);

    public Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        inner.PatchFinalizersAsync(resource, finalizers, ct);

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
