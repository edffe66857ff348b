using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>The Kubernetes API for one custom resource kind: read, watch, and the two writes the operator makes. Any call
/// throws <see cref="KubeUnavailableException"/> when the API server cannot be reached, and <see cref="KubeApiException"/>
/// when it refuses for another reason than those named below.</summary>
public interface IResourceClient<T> where T : class, ICustomResource, new()
{
    /// <summary>Every object (of one namespace, or all when null), page by page as the server sends them, so a caller can use
    /// the first objects while later pages load and never holds the whole list's JSON. Items are decoded one by one: one
    /// that does not decode is in <see cref="ResourceListPage{T}.Undecodable"/>, never a failure of the list. The last page
    /// has <see cref="ResourceListPage{T}.IsLast"/> and the resourceVersion to watch from. When the snapshot expires between
    /// pages (410 Gone on the continue token) the list begins again from the start, flagged by
    /// <see cref="ResourceListPage{T}.StartsOver"/>, as client-go's pager does.</summary>
    IAsyncEnumerable<ResourceListPage<T>> ListAsync(string? @namespace, CancellationToken ct);

    /// <summary>Changes after <paramref name="resourceVersion"/>. An object that does not decode comes as an event with
    /// <see cref="WatchEvent{T}.Undecodable"/> set, and the watch goes on. Throws <see cref="ResourceExpiredException"/> on
    /// 410 Gone (the caller relists); ends (or throws) when the connection drops (the caller watches again from the last
    /// resourceVersion it saw).</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct);

    /// <summary>The object, or null when it does not exist; a System.Text.Json JsonException when it does not decode.</summary>
    Task<T?> GetAsync(string @namespace, string name, CancellationToken ct);

    /// <summary>Writes <c>resource.Status</c> through the status subresource; returns the stored object.</summary>
    Task<T> PatchStatusAsync(T resource, CancellationToken ct);

    /// <summary>Replaces metadata.finalizers, guarded by the object's resourceVersion
    /// (<see cref="ConflictException"/> when it moved on); returns the stored object.</summary>
    Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct);
}
