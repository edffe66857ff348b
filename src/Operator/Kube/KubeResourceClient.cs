using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Vpce.Crds;
using Vpce.Crds.Schema;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary><see cref="IResourceClient{T}"/> over the CustomObjects API of group vpce.io/v1alpha1, with System.Text.Json
/// and the CR types' own attributes. Lists and watches decode item by item: an object stored under an older schema is
/// reported as undecodable and the others are delivered.</summary>
public sealed class KubeResourceClient<T> : IResourceClient<T> where T : class, ICustomResource, new()
{
    /// <summary>Objects per list page (client-go's pager and kubectl ask for the same).</summary>
    public const int DefaultPageSize = 500;

    private readonly IKubernetes _client;
    private readonly string _plural;
    private readonly int _pageSize;

    static KubeResourceClient()
    {
        ModelJsonResolver.Ensure();
        ListedItemConverterFactory.Register<T>();
    }

    public KubeResourceClient(IKubernetes client, int pageSize = DefaultPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _client = client;
        _pageSize = pageSize;
        _plural = typeof(T).GetCustomAttribute<KindAttribute>()?.Plural
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [Kind] attribute");
    }

    public IAsyncEnumerable<ResourceListPage<T>> ListAsync(string? @namespace, CancellationToken ct) => ListPagesAsync(@namespace, ct);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace, string resourceVersion, CancellationToken ct) =>
        WatchCoreAsync(@namespace, resourceVersion, ct);

    public async Task<T?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            var body = ClusterScoped
                ? await _client.CustomObjects.GetClusterCustomObjectAsync(CrdGroup.Group, CrdGroup.Version, _plural, name, ct).ConfigureAwait(false)
                : await _client.CustomObjects.GetNamespacedCustomObjectAsync(
                    CrdGroup.Group, CrdGroup.Version, @namespace, _plural, name, ct).ConfigureAwait(false);
            return Deserialize(ToElement(body));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (KubeUnreachable.Is(e, ct))
        {
            throw KubeUnreachable.Wrap($"get {_plural} {@namespace}/{name}", e);
        }
    }

    public async Task<T> PatchStatusAsync(T resource, CancellationToken ct)
    {
        // The whole status, nulls included: a merge patch then makes the stored status exactly this one
        // (a field the operator cleared is removed instead of kept, and so is an empty list).
        var status = resource.Status is null ? null
            : StatusJson.EmptyListsAsNull(JsonSerializer.SerializeToNode(resource.Status, KubeJsonOptions.WithNulls.GetTypeInfo(resource.Status.GetType())));
        var patch = new JsonObject { ["status"] = status };
        var body = await KubeCalls.CallAsync($"patch the status of {_plural} {resource.Metadata.Namespace}/{resource.Metadata.Name}", () => ClusterScoped
            ? _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), CrdGroup.Group, CrdGroup.Version,
                _plural, resource.Metadata.Name, cancellationToken: ct)
            : _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), CrdGroup.Group, CrdGroup.Version,
                Namespace(resource), _plural, resource.Metadata.Name, cancellationToken: ct), ct).ConfigureAwait(false);
        return Deserialize(ToElement(body));
    }

    public async Task<T> PatchFinalizersAsync(T resource, IReadOnlyList<string> finalizers, CancellationToken ct)
    {
        // resourceVersion in a merge patch is a precondition: the server answers 409 when the object moved on.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resource.Metadata.ResourceVersion,
                ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            },
        };
        var body = await KubeCalls.CallAsync($"patch the finalizers of {_plural} {resource.Metadata.Namespace}/{resource.Metadata.Name}", () => ClusterScoped
            ? _client.CustomObjects.PatchClusterCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), CrdGroup.Group, CrdGroup.Version,
                _plural, resource.Metadata.Name, cancellationToken: ct)
            : _client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), CrdGroup.Group, CrdGroup.Version,
                Namespace(resource), _plural, resource.Metadata.Name, cancellationToken: ct), ct).ConfigureAwait(false);
        return Deserialize(ToElement(body));
    }

    private async IAsyncEnumerable<WatchEvent<T>> WatchCoreAsync(string? @namespace, string resourceVersion,
        [EnumeratorCancellation] CancellationToken ct)
    {
        Exception? failure = null;
        void OnError(Exception e) => failure ??= e;
        var events = @namespace is null
            ? _client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(CrdGroup.Group, CrdGroup.Version, _plural,
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: OnError, cancellationToken: ct)
            : _client.CustomObjects.WatchListNamespacedCustomObjectAsync(CrdGroup.Group, CrdGroup.Version, @namespace, _plural,
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: OnError, cancellationToken: ct);
        await foreach (var (kind, item) in KubeCalls.WatchAsync(events, () => failure, _plural, ct).ConfigureAwait(false))
        {
            // An object that does not decode is reported in place of the event; the watch goes on.
            yield return ResourceDecoder.TryDecode<T>(ToElement(item), KubeJsonOptions.Default, out var resource, out var failed)
                ? new WatchEvent<T>(kind, resource)
                : new WatchEvent<T>(kind, failed);
        }
    }

    private async IAsyncEnumerable<ResourceListPage<T>> ListPagesAsync(string? @namespace, [EnumeratorCancellation] CancellationToken ct)
    {
        int? limit = _pageSize;
        string? requestedFrom = null;
        var startsOver = false;
        // The next page is asked for as soon as a page's continue token is known, before the page is handed on: the API
        // server reads and encodes page n+1 while the informer stores page n and its reconciles start, instead of after.
        // At most two pages of decoded objects are held at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = RequestPageAsync(@namespace, limit, null, stop.Token);
        try
        {
            while (true)
            {
                ListResponse<T> response;
                try
                {
                    response = await pending.ConfigureAwait(false);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone && requestedFrom is not null)
                {
                    // The earlier pages' snapshot was compacted away. As client-go's pager: list again from the start in one
                    // request, since a paged list slow enough to outlive compaction once would do it again. Still decoded
                    // item by item from the stream; only the decoded objects are held, as the cache will hold them.
                    limit = null;
                    requestedFrom = null;
                    startsOver = true;
                    pending = RequestPageAsync(@namespace, limit, null, stop.Token);
                    continue;
                }
                var next = response.Metadata?.Continue;
                var isLast = string.IsNullOrEmpty(next);
                if (!isLast)
                {
                    requestedFrom = next;
                    pending = RequestPageAsync(@namespace, limit, next, stop.Token);
                }
                yield return response.ToPage(isLast, startsOver);
                if (isLast) yield break;
                startsOver = false;
            }
        }
        finally
        {
            // A consumer that stops early leaves a request in flight: cancel it and observe its end, so its failure is
            // not left unobserved.
            if (!pending.IsCompleted) await stop.CancelAsync().ConfigureAwait(false);
            await pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task<ListResponse<T>> RequestPageAsync(string? @namespace, int? limit, string? continueToken, CancellationToken ct)
    {
        // Read as a ListResponse: the library deserializes it from the response stream, and each item is decoded as it is read.
        using var response = await KubeCalls.CallAsync($"list {_plural}", () => @namespace is null
            ? _client.CustomObjects.ListCustomObjectForAllNamespacesWithHttpMessagesAsync<ListResponse<T>>(CrdGroup.Group, CrdGroup.Version,
                _plural, continueParameter: continueToken, limit: limit, cancellationToken: ct)
            : _client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ListResponse<T>>(CrdGroup.Group, CrdGroup.Version,
                @namespace, _plural, continueParameter: continueToken, limit: limit, cancellationToken: ct), ct).ConfigureAwait(false);
        return response.Body ?? throw new JsonException($"an empty answer to the list of {_plural}");
    }

    // AwsAccount: /apis/vpce.io/v1alpha1/awsaccounts/NAME; a list or watch of all namespaces has the cluster-scoped path.
    private static bool ClusterScoped => typeof(IClusterScoped).IsAssignableFrom(typeof(T));

    private static string Namespace(T resource) =>
        resource.Metadata.Namespace ?? throw new ArgumentException($"{resource.Kind} {resource.Metadata.Name} has no namespace");

    // The library reads an untyped answer (an object, a watch event's object) as a JsonElement, always.
    private static JsonElement ToElement(object body) => body as JsonElement?
        ?? throw new JsonException($"the client library gave a {body.GetType().Name} where it gives a JsonElement");

    private static T Deserialize(JsonElement element) => ResourceDecoder.Decode<T>(element, KubeJsonOptions.Default);
}
