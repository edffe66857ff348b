namespace Vpce.Ports.Aws;

/// <summary>The EC2 calls the operator makes. Describe calls return every page; a paged one awaits its
/// <see cref="FurtherPageGate"/>, when given, before requesting each page after the first. Errors are <see cref="AwsApiException"/>.</summary>
public interface IEc2Api
{
    Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct);
    Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    /// <summary>Details of the named services; an unknown name fails with InvalidServiceName, as AWS does.</summary>
    Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct);
    /// <summary>The AWS-managed prefix list of a gateway service (com.amazonaws.REGION.s3), or null.</summary>
    Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct);
    Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null);
    /// <param name="beforeRequest">Awaited right before the request is sent; when it throws, nothing is sent.</param>
    Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null);
    Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct);
    /// <summary>Returns the Unsuccessful items; an empty list means every deletion was accepted.</summary>
    Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct);
    Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct);
    Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct);
}
