using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Operator-wide settings the model needs: the default region and the cluster name in ownership tags.</summary>
public sealed record ReconcileSettings(string? DefaultRegion, string ClusterName)
{
    /// <summary>How long one regional read of AWS serves the resyncs that compare against it: the resync interval.</summary>
    public TimeSpan SnapshotWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The owner this operator's ownership tags name for the object.</summary>
    public EndpointOwner OwnerOf(ICustomResource resource) => new(ClusterName, resource.Metadata.Namespace ?? "", resource.Metadata.Name);
}
