using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The EC2 port as the VpcEndpoint controller uses it: the snapshot is kept current here and nowhere else. A
/// fresh read by id (an endpoint) or by VPC (its route tables) replaces what the snapshot held; every successful write
/// records what it made or marks what it changed, so the next read of that endpoint, or of the route tables whose routes
/// moved with it, is fresh. No reader or applier has to remember to tell the snapshot.</summary>
public sealed class WriteThroughEc2Api(IEc2Api inner, EndpointSnapshot snapshot, string clusterName) : IEc2Api
{
    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        inner.DescribeVpcsAsync(region, query, ct, beforeFurtherPage);

    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        inner.DescribeVpcDnsAttributesAsync(region, vpcId, ct);

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        inner.DescribeSubnetsAsync(region, query, ct, beforeFurtherPage);

    /// <summary>A whole VPC's route tables read fresh replace the snapshot's for that VPC.</summary>
    public async Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null)
    {
        var tables = await inner.DescribeRouteTablesAsync(region, query, ct, beforeFurtherPage);
        if (query is { VpcIds: [var vpcId], Ids: null, Tags: null, GroupName: null })
        {
            snapshot.RecordRouteTables(region, vpcId, tables);
        }
        return tables;
    }

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        inner.DescribeSecurityGroupsAsync(region, query, ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        inner.DescribeNetworkAclsAsync(region, query, ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        inner.DescribeNetworkInterfacesAsync(region, query, ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        inner.DescribeVpcEndpointServicesAsync(region, serviceNames, ct);

    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        inner.DescribePrefixListIdAsync(region, serviceName, ct);

    /// <summary>Endpoints read by id are what the snapshot shows of them from now on (this cluster's own), or are gone from
    /// it (AWS does not know them).</summary>
    public async Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null)
    {
        IReadOnlyList<AwsEndpoint> found;
        try
        {
            found = await inner.DescribeVpcEndpointsAsync(region, query, ct, beforeFurtherPage);
        }
        catch (AwsApiException e) when (e.IsNotFound && query.EndpointIds is { Count: > 0 } missing)
        {
            Forget(region, missing);
            throw;
        }
        if (query.EndpointIds is { Count: > 0 } ids)
        {
            Forget(region, ids.Where(id => !found.Any(e => e.VpcEndpointId == id)));
            foreach (var endpoint in found.Where(e => OwnershipTags.NameCluster(e.Tags, clusterName)))
            {
                snapshot.Record(region, endpoint);
            }
        }
        return found;
    }

    public async Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null)
    {
        var created = await inner.CreateVpcEndpointAsync(region, request, ct, beforeRequest);
        snapshot.Record(region, created);
        if (request.RouteTableIds.Count > 0)
        {
            snapshot.InvalidateRouteTables(region, request.VpcId);
        }
        return created;
    }

    /// <summary>The endpoint changed: its next read is fresh; a route-table change moved routes in its VPC's tables too.</summary>
    public async Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct)
    {
        var vpcId = snapshot.VpcOf(region, request.VpcEndpointId);
        await inner.ModifyVpcEndpointAsync(region, request, ct);
        snapshot.Forget(region, request.VpcEndpointId);
        if (request.AddRouteTableIds.Count + request.RemoveRouteTableIds.Count > 0)
        {
            snapshot.InvalidateRouteTables(region, vpcId);
        }
    }

    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct)
    {
        var failures = await inner.DeleteVpcEndpointsAsync(region, endpointIds, ct);
        Forget(region, endpointIds.Where(id => !failures.Any(f => f.VpcEndpointId == id)));
        return failures;
    }

    public async Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        await inner.CreateTagsAsync(region, resourceId, tags, ct);
        snapshot.Forget(region, resourceId);
    }

    public async Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        await inner.DeleteTagsAsync(region, resourceId, keys, ct);
        snapshot.Forget(region, resourceId);
    }

    private void Forget(string region, IEnumerable<string> endpointIds)
    {
        foreach (var id in endpointIds)
        {
            snapshot.Forget(region, id);
        }
    }
}
