using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>Reads go through (a dead process's informer reads nothing that matters); writes fail once crashed.</summary>
public sealed class CrashingResourceClient<T>(IResourceClient<T> inner, CrashSwitch crash) : IResourceClient<T> where T : class, ICustomResource, new()
{
    public IAsyncEnumerable<ResourceListPage<T>> ListAsync(string? @namespace, CancellationToken ct) => inner.ListAsync(@namespace, ct);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct) =>
        inner.WatchAsync(@namespace, resourceVersion, ct);

    public Task<T?> GetAsync(string @namespace, string name, CancellationToken ct) => inner.GetAsync(@namespace, name, ct);

    public Task<T> PatchStatusAsync(T resource, CancellationToken ct) => crash.WhileAliveAsync(() => inner.PatchStatusAsync(resource, ct));

    public Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.PatchFinalizersAsync(resource, finalizers, ct));
}
