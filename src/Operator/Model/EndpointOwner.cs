namespace Vpce.Operator.Model;

/// <summary>The object an endpoint's ownership tags name: cluster, namespace and name. A part the tags leave out is null.</summary>
public sealed record EndpointOwner(string? Cluster, string? Namespace, string? Name)
{
    public override string ToString() => $"{Namespace ?? "?"}/{Name ?? "?"} in cluster {Cluster ?? "?"}";
}
