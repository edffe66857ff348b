using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>This cluster's endpoints in one region, by id and by VPC. Immutable: a write makes a new one that shares all but
/// the VPC it touched, so the reads of a reconcile (one VPC's endpoints, one endpoint by id) cost the same however many
/// endpoints the region holds.</summary>
public sealed class OwnedEndpoints
{
    public static readonly OwnedEndpoints Empty = new(
        ImmutableDictionary.Create<string, AwsEndpoint>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableDictionary<string, AwsEndpoint>>(StringComparer.Ordinal));

    // A VPC's endpoints ordered and indexed once, the first time a reconcile asks, and then for as long as they stand.
    private static readonly ConditionalWeakTable<ImmutableDictionary<string, AwsEndpoint>, VpcEndpointSet> Sets = new();

    private readonly ImmutableDictionary<string, ImmutableDictionary<string, AwsEndpoint>> _byVpc;

    private OwnedEndpoints(ImmutableDictionary<string, AwsEndpoint> byId, ImmutableDictionary<string, ImmutableDictionary<string, AwsEndpoint>> byVpc)
    {
        ById = byId;
        _byVpc = byVpc;
    }

    public ImmutableDictionary<string, AwsEndpoint> ById { get; }

    public static OwnedEndpoints Of(IEnumerable<AwsEndpoint> endpoints)
    {
        var all = endpoints.ToList();
        var byId = all.ToImmutableDictionary(e => e.VpcEndpointId, StringComparer.Ordinal);
        var byVpc = byId.Values.GroupBy(e => e.VpcId, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(e => e.VpcEndpointId, StringComparer.Ordinal), StringComparer.Ordinal);
        return new OwnedEndpoints(byId, byVpc);
    }

    /// <summary>The endpoints of one VPC, ordered by id, with the companion check's index.</summary>
    public VpcEndpointSet InVpc(string vpcId) =>
        _byVpc.TryGetValue(vpcId, out var endpoints)
            ? Sets.GetValue(endpoints, static e => VpcEndpointSet.Of(e.Values))
            : VpcEndpointSet.Empty;

    /// <summary>With <paramref name="endpoint"/> as it is now (recorded or replaced).</summary>
    public OwnedEndpoints With(AwsEndpoint endpoint)
    {
        var byVpc = ById.TryGetValue(endpoint.VpcEndpointId, out var before) ? Remove(_byVpc, before) : _byVpc;
        var inVpc = byVpc.TryGetValue(endpoint.VpcId, out var endpoints) ? endpoints : ImmutableDictionary.Create<string, AwsEndpoint>(StringComparer.Ordinal);
        return new OwnedEndpoints(ById.SetItem(endpoint.VpcEndpointId, endpoint), byVpc.SetItem(endpoint.VpcId, inVpc.SetItem(endpoint.VpcEndpointId, endpoint)));
    }

    public OwnedEndpoints Without(string endpointId) =>
        ById.TryGetValue(endpointId, out var before) ? new OwnedEndpoints(ById.Remove(endpointId), Remove(_byVpc, before)) : this;

    private static ImmutableDictionary<string, ImmutableDictionary<string, AwsEndpoint>> Remove(
        ImmutableDictionary<string, ImmutableDictionary<string, AwsEndpoint>> byVpc, AwsEndpoint endpoint)
    {
        if (!byVpc.TryGetValue(endpoint.VpcId, out var endpoints))
        {
            return byVpc;
        }
        var left = endpoints.Remove(endpoint.VpcEndpointId);
        return left.IsEmpty ? byVpc.Remove(endpoint.VpcId) : byVpc.SetItem(endpoint.VpcId, left);
    }
}
