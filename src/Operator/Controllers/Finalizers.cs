using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>The operator's finalizer, the one piece of metadata it writes: added before anything is made on AWS, removed once
/// nothing on AWS needs the object any more.</summary>
public static class Finalizers
{
    public static bool Has(ICustomResource resource) => (resource.Metadata.Finalizers ?? []).Contains(CrdGroup.Finalizer);

    public static async Task EnsureAsync<T>(IResourceClient<T> client, T resource, CancellationToken ct) where T : class, ICustomResource, new()
    {
        if (Has(resource))
        {
            return;
        }
        var stored = await client.PatchFinalizersAsync(resource, [.. resource.Metadata.Finalizers ?? [], CrdGroup.Finalizer], ct);
        resource.Metadata.ResourceVersion = stored.Metadata.ResourceVersion;
        resource.Metadata.Finalizers = stored.Metadata.Finalizers;
    }

    public static Task RemoveAsync<T>(IResourceClient<T> client, T resource, CancellationToken ct) where T : class, ICustomResource, new() =>
        client.PatchFinalizersAsync(resource, (resource.Metadata.Finalizers ?? []).Where(f => f != CrdGroup.Finalizer).ToList(), ct);
}
