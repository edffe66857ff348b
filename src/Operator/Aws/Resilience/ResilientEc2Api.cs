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
    // took are taken up front (so a known long listing waits for its tokens before it starts), and every further page takes
    // its token before it is requested (so the first listing of a shape, its size unknown, never bursts past AWS's limit).
    private Task<IReadOnlyList<T>> DescribePaged<T>(string region, string operation, bool byId,
        Func<FurtherPageGate, CancellationToken, Task<IReadOnlyList<T>>> call, FurtherPageGate? callersGate, CancellationToken ct)
    {
        var shape = (region, operation, byId);
        return guard.CallPagedAsync(region, Service, operation, AwsActionClass.Describe,
            (ownGate, t) => call(callersGate is null ? ownGate : Both(ownGate, callersGate), t), ct,
            requests: _lastPages.GetValueOrDefault(shape, 1),
            // A listing cut short only shows the shape is at least that long.
            pagesRequested: (pages, finished) => _lastPages.AddOrUpdate(shape, pages, (_, last) => finished ? pages : Math.Max(last, pages)));
    }

    private static FurtherPageGate Both(FurtherPageGate first, FurtherPageGate then) => async ct =>
    {
        await first(ct);
        await then(ct);
    };

    private Task<T> Mutate<T>(string region, string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct, BeforeRequest? beforeRequest = null) =>
        guard.CallAsync(region, Service, operation, AwsActionClass.Mutation, call, ct, beforeRequest: beforeRequest);

    private Task Mutate(string region, string operation, Func<CancellationToken, Task> call, CancellationToken ct) =>
        guard.CallAsync(region, Service, operation, AwsActionClass.Mutation, call, ct);

    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeVpcs", query.Ids is not null, (gate, t) => inner.DescribeVpcsAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        // EC2 answers one attribute per DescribeVpcAttribute: two requests.
        guard.CallAsync(region, Service, "DescribeVpcAttribute", AwsActionClass.Describe, t => inner.DescribeVpcDnsAttributesAsync(region, vpcId, t), ct, requests: 2);

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeSubnets", query.Ids is not null, (gate, t) => inner.DescribeSubnetsAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeRouteTables", query.Ids is not null, (gate, t) => inner.DescribeRouteTablesAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeSecurityGroups", query.Ids is not null, (gate, t) => inner.DescribeSecurityGroupsAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeNetworkAcls", query.Ids is not null, (gate, t) => inner.DescribeNetworkAclsAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeNetworkInterfaces", query.Ids is not null, (gate, t) => inner.DescribeNetworkInterfacesAsync(region, query, t, gate), beforeFurtherPage, ct);

    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        Describe(region, "DescribeVpcEndpointServices", t => inner.DescribeVpcEndpointServicesAsync(region, serviceNames, t), ct);

    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        Describe(region, "DescribePrefixLists", t => inner.DescribePrefixListIdAsync(region, serviceName, t), ct);

    public Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePaged(region, "DescribeVpcEndpoints", query.EndpointIds is not null, (gate, t) => inner.DescribeVpcEndpointsAsync(region, query, t, gate), beforeFurtherPage, ct);

    /// <summary>The caller's record goes after the pacing turn, right before the request: not while the call waits its turn.</summary>
    public Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null) =>
        Mutate(region, "CreateVpcEndpoint", t => inner.CreateVpcEndpointAsync(region, request, t), ct, beforeRequest);

    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        Mutate(region, "ModifyVpcEndpoint", t => inner.ModifyVpcEndpointAsync(region, request, t), ct);

    public Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct) =>
        Mutate(region, "DeleteVpcEndpoints", t => inner.DeleteVpcEndpointsAsync(region, endpointIds, t), ct);

    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Mutate(region, "CreateTags", t => inner.CreateTagsAsync(region, resourceId, tags, t), ct);

    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        Mutate(region, "DeleteTags", t => inner.DeleteTagsAsync(region, resourceId, keys, t), ct);
}
