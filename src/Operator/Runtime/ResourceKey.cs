using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>The work queue's key: one object of one kind.</summary>
public readonly record struct ResourceKey(string Kind, string Namespace, string Name)
{
    public static ResourceKey Of(ICustomResource resource) =>
        new(resource.Kind, resource.Metadata.Namespace ?? "", resource.Metadata.Name);

    public override string ToString() => $"{Kind}/{Namespace}/{Name}";
}
