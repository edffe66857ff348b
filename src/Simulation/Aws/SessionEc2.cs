using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>EC2 with a session's credentials (<see cref="SessionApis"/>): the session's account's VPCs and endpoints only.</summary>
internal sealed class SessionEc2(SessionApis session) : IEc2Api
{
    public async Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeVpcsAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        await session.For("ec2").Ec2.DescribeVpcDnsAttributesAsync(region, vpcId, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeSubnetsAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeRouteTablesAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeSecurityGroupsAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeNetworkAclsAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeNetworkInterfacesAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        await session.For("ec2").Ec2.DescribeVpcEndpointServicesAsync(region, serviceNames, ct).ConfigureAwait(false);

    public async Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        await session.For("ec2").Ec2.DescribePrefixListIdAsync(region, serviceName, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        await session.For("ec2").Ec2.DescribeVpcEndpointsAsync(region, query, ct, beforeFurtherPage).ConfigureAwait(false);

    public async Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null) =>
        await session.For("ec2").Ec2.CreateVpcEndpointAsync(region, request, ct, beforeRequest).ConfigureAwait(false);

    public async Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        await session.For("ec2").Ec2.ModifyVpcEndpointAsync(region, request, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct) =>
        await session.For("ec2").Ec2.DeleteVpcEndpointsAsync(region, endpointIds, ct).ConfigureAwait(false);

    public async Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        await session.For("ec2").Ec2.CreateTagsAsync(region, resourceId, tags, ct).ConfigureAwait(false);

    public async Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        await session.For("ec2").Ec2.DeleteTagsAsync(region, resourceId, keys, ct).ConfigureAwait(false);
}
