using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>Which object an event is about (core/v1 ObjectReference): enough to name an object the operator could not decode.</summary>
public sealed record ObjectReference(string ApiVersion, string Kind, string Namespace, string Name, string? Uid, string? ResourceVersion)
{
    public static ObjectReference Of(ICustomResource resource) => new(resource.ApiVersion, resource.Kind,
        resource.Metadata.Namespace ?? "", resource.Metadata.Name, resource.Metadata.Uid, resource.Metadata.ResourceVersion);
}
