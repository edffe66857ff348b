using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Runtime;

/// <summary>Wraps a client so a test can hold lists back (to change the store while no watch is open) or make them fail.</summary>
internal sealed class GatedResourceClient(IResourceClient<VpcEndpoint> inner) : IResourceClient<VpcEndpoint>
{
    private readonly object _gate = new();
    private TaskCompletionSource _open = Opened();
    private int _failures;

    public int ListCalls;

    public void HoldLists()
    {
        lock (_gate) _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseLists()
    {
        lock (_gate) _open.TrySetResult();
    }

    public void FailLists(int times)
    {
        lock (_gate) _failures = times;
    }

    public async Task<ResourceList<VpcEndpoint>> ListAsync(string? @namespace, CancellationToken ct)
    {
        Interlocked.Increment(ref ListCalls);
        Task open;
        lock (_gate)
        {
            open = _open.Task;
            if (_failures > 0)
            {
                _failures--;
                throw new HttpRequestException("connection refused");
            }
        }
        await open.WaitAsync(ct);
        return await inner.ListAsync(@namespace, ct);
    }

    public IAsyncEnumerable<WatchEvent<VpcEndpoint>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct) =>
        inner.WatchAsync(@namespace, resourceVersion, ct);

    public Task<VpcEndpoint?> GetAsync(string @namespace, string name, CancellationToken ct) => inner.GetAsync(@namespace, name, ct);

    public Task<VpcEndpoint> PatchStatusAsync(VpcEndpoint resource, CancellationToken ct) => inner.PatchStatusAsync(resource, ct);

    public Task<VpcEndpoint> PatchFinalizersAsync(VpcEndpoint resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        inner.PatchFinalizersAsync(resource, finalizers, ct);

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
