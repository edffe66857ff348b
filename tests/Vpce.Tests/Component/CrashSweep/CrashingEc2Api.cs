using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingEc2Api(IEc2Api inner, CrashSwitch crash) : IEc2Api
{
    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeVpcsAsync(region, query, ct, beforeFurtherPage));

    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.DescribeVpcDnsAttributesAsync(region, vpcId, ct));

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeSubnetsAsync(region, query, ct, beforeFurtherPage));

    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeRouteTablesAsync(region, query, ct, beforeFurtherPage));

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeSecurityGroupsAsync(region, query, ct, beforeFurtherPage));

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeNetworkAclsAsync(region, query, ct, beforeFurtherPage));

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeNetworkInterfacesAsync(region, query, ct, beforeFurtherPage));

    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.DescribeVpcEndpointServicesAsync(region, serviceNames, ct));

    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        crash.WhileAliveAsync(() => inner.DescribePrefixListIdAsync(region, serviceName, ct));

    public Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        crash.WhileAliveAsync(() => inner.DescribeVpcEndpointsAsync(region, query, ct, beforeFurtherPage));

    public Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null) =>
        crash.MutateAsync($"CreateVpcEndpoint {request.ServiceName}", () => inner.CreateVpcEndpointAsync(region, request, ct, beforeRequest));

    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        crash.MutateAsync($"ModifyVpcEndpoint {request.VpcEndpointId}", () => inner.ModifyVpcEndpointAsync(region, request, ct));

    public Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct) =>
        crash.MutateAsync($"DeleteVpcEndpoints {string.Join(",", endpointIds)}", () => inner.DeleteVpcEndpointsAsync(region, endpointIds, ct));

    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        crash.MutateAsync($"CreateTags {resourceId}", () => inner.CreateTagsAsync(region, resourceId, tags, ct));

    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        crash.MutateAsync($"DeleteTags {resourceId}", () => inner.DeleteTagsAsync(region, resourceId, keys, ct));
}
