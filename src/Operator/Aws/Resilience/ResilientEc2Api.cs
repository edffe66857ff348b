using System.Collections.Concurrent;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>Every EC2 call through the guard, in its action class.</summary>
public sealed class ResilientEc2Api(IEc2Api inner, AwsCallGuard guard) : IEc2Api
{
    private const string Service = "ec2";

    private Task<T> Describe<T>(string region, string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        guard.CallAsync(region, Service, operation, AwsActionClass.Describe, call, ct);

    // Pages seen by the last read of the same shape (by ids, or a filtered listing) in the region.
    private readonly ConcurrentDictionary<(string Region, string Operation, bool ById), int> _lastPages = new();

    // Each page past the first is another request to AWS, paced like the first: as many as the last read of the same shape
    // took are taken up front (so a long listing waits for its tokens instead of running into AWS's limit halfway), and any
    // further pages are charged after.
    private Task<IReadOnlyList<T>> DescribePaged<T>(string region, string operation, int pageSize, bool byId,
        Func<CancellationToken, Task<IReadOnlyList<T>>> call, CancellationToken ct)
    {
        var shape = (region, operation, byId);
        return guard.CallAsync(region, Service, operation, AwsActionClass.Describe, call, ct, items =>
        {
            var pages = Math.Max(1, (items.Count + pageSize - 1) / pageSize);
            _lastPages[shape] = pages;
            return pages;
        }, requests: _lastPages.GetValueOrDefault(shape, 1));
    }

    private Task<T> Mutate<T>(string region, string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        guard.CallAsync(region, Service, operation, AwsActionClass.Mutation, call, ct);

    private Task Mutate(string region, string operation, Func<CancellationToken, Task> call, CancellationToken ct) =>
        guard.CallAsync(region, Service, operation, AwsActionClass.Mutation, call, ct);

    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeVpcs", DescribePageSizes.Vpcs, query.Ids is not null, t => inner.DescribeVpcsAsync(region, query, t), ct);

    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        // EC2 answers one attribute per DescribeVpcAttribute: two requests.
        guard.CallAsync(region, Service, "DescribeVpcAttribute", AwsActionClass.Describe, t => inner.DescribeVpcDnsAttributesAsync(region, vpcId, t), ct, requests: 2);

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeSubnets", DescribePageSizes.Subnets, query.Ids is not null, t => inner.DescribeSubnetsAsync(region, query, t), ct);

    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeRouteTables", DescribePageSizes.RouteTables, query.Ids is not null, t => inner.DescribeRouteTablesAsync(region, query, t), ct);

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeSecurityGroups", DescribePageSizes.SecurityGroups, query.Ids is not null, t => inner.DescribeSecurityGroupsAsync(region, query, t), ct);

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeNetworkAcls", DescribePageSizes.NetworkAcls, query.Ids is not null, t => inner.DescribeNetworkAclsAsync(region, query, t), ct);

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeNetworkInterfaces", DescribePageSizes.NetworkInterfaces, query.Ids is not null, t => inner.DescribeNetworkInterfacesAsync(region, query, t), ct);

    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        Describe(region, "DescribeVpcEndpointServices", t => inner.DescribeVpcEndpointServicesAsync(region, serviceNames, t), ct);

    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        Describe(region, "DescribePrefixLists", t => inner.DescribePrefixListIdAsync(region, serviceName, t), ct);

    public Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct) =>
        DescribePaged(region, "DescribeVpcEndpoints", DescribePageSizes.VpcEndpoints, query.EndpointIds is not null, t => inner.DescribeVpcEndpointsAsync(region, query, t), ct);

    public Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct) =>
        Mutate(region, "CreateVpcEndpoint", t => inner.CreateVpcEndpointAsync(region, request, t), ct);

    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        Mutate(region, "ModifyVpcEndpoint", t => inner.ModifyVpcEndpointAsync(region, request, t), ct);

    public Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct) =>
        Mutate(region, "DeleteVpcEndpoints", t => inner.DeleteVpcEndpointsAsync(region, endpointIds, t), ct);

    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Mutate(region, "CreateTags", t => inner.CreateTagsAsync(region, resourceId, tags, t), ct);

    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        Mutate(region, "DeleteTags", t => inner.DeleteTagsAsync(region, resourceId, keys, t), ct);
}
