using System.Collections.Concurrent;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>EC2 as eventual consistency may show it, in real time, in front of a real endpoint: an endpoint created through
/// this port is unknown to every call that names or lists it for <paramref name="lag"/> (by id
/// InvalidVpcEndpointId.NotFound, left out of listings and tag filters, NotFound to Modify and tags, an Unsuccessful NotFound
/// to DeleteVpcEndpoints), as the proxy that made four objects into nine endpoints did.</summary>
public sealed class LaggingEc2Api(IEc2Api inner, TimeSpan lag, TimeProvider time) : IEc2Api
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _created = new(StringComparer.Ordinal);

    private bool Hidden(string endpointId) => _created.TryGetValue(endpointId, out var at) && time.GetUtcNow() - at < lag;

    private static AwsApiException NotFound(string endpointId) =>
        new(AwsErrorCodes.InvalidVpcEndpointIdNotFound, $"The Vpc Endpoint Id '{endpointId}' does not exist");

    public async Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null)
    {
        var created = await inner.CreateVpcEndpointAsync(region, request, ct, beforeRequest);
        _created.TryAdd(created.VpcEndpointId, time.GetUtcNow());
        return created;
    }

    public async Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null)
    {
        if (query.EndpointIds?.FirstOrDefault(Hidden) is { } hidden)
        {
            throw NotFound(hidden);
        }
        return (await inner.DescribeVpcEndpointsAsync(region, query, ct, beforeFurtherPage)).Where(e => !Hidden(e.VpcEndpointId)).ToList();
    }

    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        Hidden(request.VpcEndpointId) ? throw NotFound(request.VpcEndpointId) : inner.ModifyVpcEndpointAsync(region, request, ct);

    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct)
    {
        var known = endpointIds.Where(id => !Hidden(id)).ToList();
        IReadOnlyList<DeleteEndpointFailure> failures = known.Count > 0 ? await inner.DeleteVpcEndpointsAsync(region, known, ct) : [];
        return [.. failures, .. endpointIds.Where(Hidden).Select(id => new DeleteEndpointFailure(id, "InvalidVpcEndpoint.NotFound", $"The VPC endpoint '{id}' does not exist"))];
    }

    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Hidden(resourceId) ? throw NotFound(resourceId) : inner.CreateTagsAsync(region, resourceId, tags, ct);

    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        Hidden(resourceId) ? throw NotFound(resourceId) : inner.DeleteTagsAsync(region, resourceId, keys, ct);

    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeVpcsAsync(region, query, ct, beforeFurtherPage);
    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) => inner.DescribeVpcDnsAttributesAsync(region, vpcId, ct);
    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeSubnetsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeRouteTablesAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeSecurityGroupsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeNetworkAclsAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) => inner.DescribeNetworkInterfacesAsync(region, query, ct, beforeFurtherPage);
    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) => inner.DescribeVpcEndpointServicesAsync(region, serviceNames, ct);
    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) => inner.DescribePrefixListIdAsync(region, serviceName, ct);
}
