using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>Namespaces, read only, through the core API: their names and labels, for the AwsAccounts' namespaceSelector. The
/// operator never writes a namespace, so the two writes of the port refuse.</summary>
public sealed class KubeNamespaceClient(IKubernetes client, int pageSize = KubeResourceClient<VpcEndpoint>.DefaultPageSize) : IResourceClient<KubeNamespace>
{
    public async IAsyncEnumerable<ResourceListPage<KubeNamespace>> ListAsync(string? @namespace, [EnumeratorCancellation] CancellationToken ct)
    {
        string? next = null;
        var startsOver = false;
        while (true)
        {
            V1NamespaceList list;
            try
            {
                list = await KubeCalls.CallAsync("list namespaces", () => client.CoreV1.ListNamespaceAsync(continueParameter: next, limit: pageSize, cancellationToken: ct), ct)
                    .ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone && next is not null)
            {
                // The continue token's snapshot was compacted: list again from the start, as client-go's pager does.
                next = null;
                startsOver = true;
                continue;
            }
            next = list.Metadata?.ContinueProperty;
            var isLast = string.IsNullOrEmpty(next);
            yield return new ResourceListPage<KubeNamespace>(list.Items.Select(Of).ToList(), list.Metadata?.ResourceVersion ?? "", isLast)
            {
                StartsOver = startsOver,
            };
            if (isLast) yield break;
            startsOver = false;
        }
    }

    public async IAsyncEnumerable<WatchEvent<KubeNamespace>> WatchAsync(string? @namespace, string resourceVersion,
        [EnumeratorCancellation] CancellationToken ct)
    {
        Exception? failure = null;
        var events = client.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, resourceVersion: resourceVersion,
            onError: e => failure ??= e, cancellationToken: ct);
        await foreach (var (kind, item) in KubeCalls.WatchAsync(events, () => failure, "namespaces", ct).ConfigureAwait(false))
        {
            yield return new WatchEvent<KubeNamespace>(kind, Of(item));
        }
    }

    public async Task<KubeNamespace?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            return Of(await KubeCalls.CallAsync($"get namespace {name}", () => client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct), ct).ConfigureAwait(false));
        }
        catch (KubeObjectNotFoundException)
        {
            return null;
        }
    }

    public Task<KubeNamespace> PatchStatusAsync(KubeNamespace resource, CancellationToken ct) =>
        throw new NotSupportedException("the operator only reads namespaces");

    public Task<KubeNamespace> PatchFinalizersAsync(KubeNamespace resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        throw new NotSupportedException("the operator only reads namespaces");

    private static KubeNamespace Of(V1Namespace item) => new()
    {
        Metadata = new ObjectMetadata
        {
            Name = item.Metadata?.Name ?? "",
            Uid = item.Metadata?.Uid,
            ResourceVersion = item.Metadata?.ResourceVersion,
            CreationTimestamp = item.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            DeletionTimestamp = item.Metadata?.DeletionTimestamp is { } deleted ? new DateTimeOffset(DateTime.SpecifyKind(deleted, DateTimeKind.Utc)) : null,
            Labels = item.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
        },
    };
}
