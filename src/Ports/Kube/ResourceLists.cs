using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>Collects a paged list into one, for callers that want every object at once (tests, tools); the informer
/// consumes the pages as they come instead.</summary>
public static class ResourceLists
{
    public static async Task<ResourceList<T>> ListAllAsync<T>(this IResourceClient<T> client, string? @namespace, CancellationToken ct)
        where T : class, ICustomResource, new()
    {
        var items = new List<T>();
        var undecodable = new List<UndecodableObject>();
        await foreach (var page in client.ListAsync(@namespace, ct).ConfigureAwait(false))
        {
            if (page.StartsOver)
            {
                items.Clear();
                undecodable.Clear();
            }
            items.AddRange(page.Items);
            undecodable.AddRange(page.Undecodable);
            if (page.IsLast) return new ResourceList<T>(items, page.ResourceVersion) { Undecodable = undecodable };
        }
        throw new IOException($"the list of {new T().Kind} ended before its last page");
    }
}
