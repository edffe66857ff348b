using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>This cluster's endpoints in one region, by id, and each VPC's of them as a <see cref="VpcEndpointSet"/>, found
/// by one pass over the region the first time a reconcile asks for that VPC and kept while they stand. Immutable as the
/// snapshot sees it: a write makes a new one that keeps the sets of the VPCs it did not touch, so the reads of a clean
/// reconcile (one VPC's endpoints, one endpoint by id) cost the same however many endpoints the region holds, and nothing
/// is kept twice but the sets' arrays.</summary>
public sealed class OwnedEndpoints
{
    public static readonly OwnedEndpoints Empty = new(ImmutableDictionary.Create<string, AwsEndpoint>(StringComparer.Ordinal), null);

    private readonly ConcurrentDictionary<string, VpcEndpointSet> _sets = new(StringComparer.Ordinal);

    private OwnedEndpoints(ImmutableDictionary<string, AwsEndpoint> byId, OwnedEndpoints? before, string? changedVpc = null, string? changedToo = null)
    {
        ById = byId;
        if (before is null)
        {
            return;
        }
        foreach (var (vpcId, set) in before._sets)
        {
            if (vpcId != changedVpc && vpcId != changedToo)
            {
                _sets[vpcId] = set;
            }
        }
    }

    public ImmutableDictionary<string, AwsEndpoint> ById { get; }

    /// <summary>A listing's endpoints, by id: one its pages showed twice is kept once (<see cref="PagedListing"/>).</summary>
    public static OwnedEndpoints Of(IEnumerable<AwsEndpoint> endpoints)
    {
        var byId = ImmutableDictionary.CreateBuilder<string, AwsEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            byId[endpoint.VpcEndpointId] = endpoint;
        }
        return new(byId.ToImmutable(), null);
    }

    /// <summary>The endpoints of one VPC, ordered by id, with the companion check's index.</summary>
    public VpcEndpointSet InVpc(string vpcId) =>
        _sets.TryGetValue(vpcId, out var set) ? set : _sets.GetOrAdd(vpcId, static (vpc, all) => VpcEndpointSet.Of(all.Values.Where(e => e.VpcId == vpc)), ById);

    /// <summary>With <paramref name="endpoint"/> as it is now (recorded or replaced).</summary>
    public OwnedEndpoints With(AwsEndpoint endpoint) =>
        new(ById.SetItem(endpoint.VpcEndpointId, endpoint), this, endpoint.VpcId,
            ById.TryGetValue(endpoint.VpcEndpointId, out var before) ? before.VpcId : null);

    public OwnedEndpoints Without(string endpointId) =>
        ById.TryGetValue(endpointId, out var before) ? new OwnedEndpoints(ById.Remove(endpointId), this, before.VpcId) : this;
}
