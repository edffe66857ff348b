using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

/// <summary>EC2 as it is right after a create (eventual consistency): tag-filtered DescribeVpcEndpoints does not show the
/// hidden endpoints yet, a describe by id does; DeleteVpcEndpoints does not know those in <see cref="UnknownToDelete"/> yet.</summary>
public sealed class HidingEc2Api(IEc2Api inner) : IEc2Api
{
    public HashSet<string> Hidden { get; } = [];

    /// <summary>Ids DeleteVpcEndpoints answers with an Unsuccessful NotFound item, once each, deleting nothing.</summary>
    public HashSet<string> UnknownToDelete { get; } = [];

    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct)
    {
        var unknown = endpointIds.Where(UnknownToDelete.Remove).ToList();
        var known = endpointIds.Except(unknown).ToList();
        IReadOnlyList<DeleteEndpointFailure> failures = known.Count > 0 ? await inner.DeleteVpcEndpointsAsync(region, known, ct) : [];
        return [.. failures, .. unknown.Select(id => new DeleteEndpointFailure(id, "InvalidVpcEndpoint.NotFound", $"The VPC endpoint '{id}' does not exist"))];
    }

    public async Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null)
    {
        var found = await inner.DescribeVpcEndpointsAsync(region, query, ct, beforeFurtherPage);
        return query.EndpointIds is { Count: > 0 } ? found : found.Where(e => !Hidden.Contains(e.VpcEndpointId)).ToList();
    }

    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeVpcsAsync(region, query, ct, beforeFurtherPage);
    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) => inner.DescribeVpcDnsAttributesAsync(region, vpcId, ct);
    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeSubnetsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeRouteTablesAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeSecurityGroupsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeNetworkAclsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeNetworkInterfacesAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) => inner.DescribeVpcEndpointServicesAsync(region, serviceNames, ct);
    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) => inner.DescribePrefixListIdAsync(region, serviceName, ct);
    public Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null) =>
        inner.CreateVpcEndpointAsync(region, request, ct, beforeRequest);
    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) => inner.ModifyVpcEndpointAsync(region, request, ct);
    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) => inner.CreateTagsAsync(region, resourceId, tags, ct);
    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) => inner.DeleteTagsAsync(region, resourceId, keys, ct);
}
