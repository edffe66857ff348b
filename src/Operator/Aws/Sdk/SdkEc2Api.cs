using Amazon.EC2;
using Amazon.EC2.Model;
using Vpce.Ports.Aws;
using EcTag = Amazon.EC2.Model.Tag;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>The EC2 port on AWSSDK.EC2. Describe calls follow NextToken to the last page, through the caller's page gate.</summary>
public sealed class SdkEc2Api(SdkClients<IAmazonEC2> clients) : IEc2Api
{
    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsVpc>() :
        SdkErrors.Call("DescribeVpcs", () => Pages<DescribeVpcsResponse, AwsVpc>(async token =>
        {
            var response = await clients.For(region).DescribeVpcsAsync(new DescribeVpcsRequest
            {
                VpcIds = Ids(query.Ids), Filters = Filters(query), NextToken = token, MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.Vpcs),
            }, ct);
            return (response.NextToken, (response.Vpcs ?? []).Select(v => new AwsVpc(v.VpcId, v.CidrBlock,
                (v.CidrBlockAssociationSet ?? []).Select(a => a.CidrBlock).Append(v.CidrBlock).Where(c => c is not null).Distinct().ToList(),
                TagsOf(v.Tags))));
        }, beforeFurtherPage, ct), ct);

    public Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct) =>
        SdkErrors.Call("DescribeVpcAttribute", async () =>
        {
            var client = clients.For(region);
            var support = await client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = VpcAttributeName.EnableDnsSupport }, ct);
            var hostnames = await client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = VpcAttributeName.EnableDnsHostnames }, ct);
            return new VpcDnsAttributes(support.EnableDnsSupport ?? false, hostnames.EnableDnsHostnames ?? false);
        }, ct);

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsSubnet>() :
        SdkErrors.Call("DescribeSubnets", () => Pages<DescribeSubnetsResponse, AwsSubnet>(async token =>
        {
            var response = await clients.For(region).DescribeSubnetsAsync(new DescribeSubnetsRequest
            {
                SubnetIds = Ids(query.Ids), Filters = Filters(query), NextToken = token, MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.Subnets),
            }, ct);
            return (response.NextToken, (response.Subnets ?? []).Select(s => new AwsSubnet(s.SubnetId, s.VpcId, s.AvailabilityZone, s.CidrBlock, TagsOf(s.Tags))));
        }, beforeFurtherPage, ct), ct);

    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsRouteTable>() :
        SdkErrors.Call("DescribeRouteTables", () => Pages<DescribeRouteTablesResponse, AwsRouteTable>(async token =>
        {
            var response = await clients.For(region).DescribeRouteTablesAsync(new DescribeRouteTablesRequest
            {
                RouteTableIds = Ids(query.Ids), Filters = Filters(query), NextToken = token, MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.RouteTables),
            }, ct);
            return (response.NextToken, (response.RouteTables ?? []).Select(t => new AwsRouteTable(
                t.RouteTableId, t.VpcId,
                (t.Routes ?? []).Select(r => new AwsRoute(r.DestinationCidrBlock, r.DestinationPrefixListId, r.GatewayId, r.NatGatewayId,
                    r.State?.Value?.ToLowerInvariant() ?? "active")
                {
                    TransitGatewayId = r.TransitGatewayId, VpcPeeringConnectionId = r.VpcPeeringConnectionId,
                    InstanceId = r.InstanceId, NetworkInterfaceId = r.NetworkInterfaceId,
                }).ToList(),
                (t.Associations ?? []).Where(a => a.SubnetId is not null).Select(a => a.SubnetId).ToList(),
                (t.Associations ?? []).Any(a => a.Main == true),
                TagsOf(t.Tags))));
        }, beforeFurtherPage, ct), ct);

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsSecurityGroup>() :
        SdkErrors.Call("DescribeSecurityGroups", () => Pages<DescribeSecurityGroupsResponse, AwsSecurityGroup>(async token =>
        {
            var response = await clients.For(region).DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
            {
                GroupIds = Ids(query.Ids), Filters = Filters(query), NextToken = token, MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.SecurityGroups),
            }, ct);
            return (response.NextToken, (response.SecurityGroups ?? []).Select(g => new AwsSecurityGroup(g.GroupId, g.GroupName, g.VpcId,
                (g.IpPermissions ?? []).Select(p => new AwsIngressRule(p.IpProtocol, p.FromPort, p.ToPort,
                    (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).Concat((p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6)).ToList(),
                    (p.UserIdGroupPairs ?? []).Select(u => u.GroupId).ToList())
                {
                    PrefixListIds = (p.PrefixListIds ?? []).Select(l => l.Id).ToList(),
                }).ToList(),
                TagsOf(g.Tags))));
        }, beforeFurtherPage, ct), ct);

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsNetworkAcl>() :
        SdkErrors.Call("DescribeNetworkAcls", () => Pages<DescribeNetworkAclsResponse, AwsNetworkAcl>(async token =>
        {
            var response = await clients.For(region).DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
            {
                NetworkAclIds = Ids(query.Ids), Filters = Filters(query), NextToken = token, MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.NetworkAcls),
            }, ct);
            return (response.NextToken, (response.NetworkAcls ?? []).Select(a => new AwsNetworkAcl(a.NetworkAclId, a.VpcId, a.IsDefault ?? false,
                (a.Entries ?? []).Select(e => new AwsNetworkAclEntry(e.RuleNumber ?? AwsNetworkAclEntry.DefaultRuleNumber, e.Egress ?? false,
                    e.Protocol ?? "-1", e.RuleAction?.Value == "allow", e.CidrBlock, e.Ipv6CidrBlock, e.PortRange?.From, e.PortRange?.To)).ToList(),
                (a.Associations ?? []).Where(s => s.SubnetId is not null).Select(s => s.SubnetId).ToList(),
                TagsOf(a.Tags))));
        }, beforeFurtherPage, ct), ct);

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.Ids is { Count: 0 } ? NothingAsked<AwsNetworkInterface>() :
        SdkErrors.Call("DescribeNetworkInterfaces", () => Pages<DescribeNetworkInterfacesResponse, AwsNetworkInterface>(async token =>
        {
            var response = await clients.For(region).DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
            {
                NetworkInterfaceIds = Ids(query.Ids), Filters = Filters(query), NextToken = token,
                MaxResults = PageSizeWithout(query.Ids, DescribePageSizes.NetworkInterfaces),
            }, ct);
            return (response.NextToken, (response.NetworkInterfaces ?? []).Select(n => new AwsNetworkInterface(n.NetworkInterfaceId, n.VpcId, n.SubnetId,
                (n.Groups ?? []).Select(g => g.GroupId).ToList(), n.InterfaceType?.Value ?? "interface")));
        }, beforeFurtherPage, ct), ct);

    public Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct) =>
        SdkErrors.Call("DescribeVpcEndpointServices", () => Pages<DescribeVpcEndpointServicesResponse, AwsEndpointService>(async token =>
        {
            var response = await clients.For(region).DescribeVpcEndpointServicesAsync(new DescribeVpcEndpointServicesRequest
            {
                ServiceNames = serviceNames.ToList(), NextToken = token,
            }, ct);
            return (response.NextToken, (response.ServiceDetails ?? []).Select(d => new AwsEndpointService(d.ServiceName,
                (d.ServiceType ?? []).Select(t => t.ServiceType?.Value ?? "").Where(t => t.Length > 0).ToList(),
                d.AvailabilityZones ?? [], d.PrivateDnsName) { PolicySupported = d.VpcEndpointPolicySupported, Owner = d.Owner }));
        }), ct);

    public Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        SdkErrors.Call("DescribePrefixLists", async () =>
        {
            var response = await clients.For(region).DescribePrefixListsAsync(new DescribePrefixListsRequest
            {
                Filters = [new Filter("prefix-list-name", [serviceName])],
            }, ct);
            return (response.PrefixLists ?? []).FirstOrDefault(p => p.PrefixListName == serviceName)?.PrefixListId;
        }, ct);

    public Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        query.EndpointIds is { Count: 0 } ? NothingAsked<AwsEndpoint>() :
        SdkErrors.Call("DescribeVpcEndpoints", () => Pages<DescribeVpcEndpointsResponse, AwsEndpoint>(async token =>
        {
            var filters = TagFilters(query.Tags);
            if (query.VpcIds is not null) filters.Add(new Filter("vpc-id", [.. query.VpcIds]));
            if (query.ServiceName is not null) filters.Add(new Filter("service-name", [query.ServiceName]));
            var response = await clients.For(region).DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest
            {
                VpcEndpointIds = Ids(query.EndpointIds), Filters = filters.Count == 0 ? null : filters, NextToken = token,
                MaxResults = PageSizeWithout(query.EndpointIds, DescribePageSizes.VpcEndpoints),
            }, ct);
            return (response.NextToken, (response.VpcEndpoints ?? []).Select(ToEndpoint));
        }, beforeFurtherPage, ct), ct);

    public async Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null)
    {
        if (beforeRequest is not null) await beforeRequest(ct);
        return await SdkErrors.Call("CreateVpcEndpoint", async () =>
        {
            var response = await clients.For(region).CreateVpcEndpointAsync(new CreateVpcEndpointRequest
            {
                VpcId = request.VpcId,
                ServiceName = request.ServiceName,
                VpcEndpointType = new VpcEndpointType(request.Type),
                ClientToken = request.ClientToken,
                RouteTableIds = NonEmpty(request.RouteTableIds),
                SubnetIds = NonEmpty(request.SubnetIds),
                SecurityGroupIds = NonEmpty(request.SecurityGroupIds),
                PrivateDnsEnabled = request.PrivateDnsEnabled,
                PolicyDocument = request.PolicyDocument,
                TagSpecifications = request.Tags.Count == 0 ? null :
                [
                    new TagSpecification { ResourceType = ResourceType.VpcEndpoint, Tags = request.Tags.Select(t => new EcTag(t.Key, t.Value)).ToList() },
                ],
            }, ct);
            var created = ToEndpoint(response.VpcEndpoint);
            // AWS makes exactly the type asked for; moto's answer leaves the type out, and the snapshot records this answer.
            return created.Type.Length == 0 ? created with { Type = request.Type } : created;
        }, ct);
    }

    public Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct) =>
        SdkErrors.Call("ModifyVpcEndpoint", () => clients.For(region).ModifyVpcEndpointAsync(new ModifyVpcEndpointRequest
        {
            VpcEndpointId = request.VpcEndpointId,
            AddRouteTableIds = NonEmpty(request.AddRouteTableIds),
            RemoveRouteTableIds = NonEmpty(request.RemoveRouteTableIds),
            AddSubnetIds = NonEmpty(request.AddSubnetIds),
            RemoveSubnetIds = NonEmpty(request.RemoveSubnetIds),
            AddSecurityGroupIds = NonEmpty(request.AddSecurityGroupIds),
            RemoveSecurityGroupIds = NonEmpty(request.RemoveSecurityGroupIds),
            PolicyDocument = request.PolicyDocument,
            ResetPolicy = request.ResetPolicy ? true : null,
            PrivateDnsEnabled = request.PrivateDnsEnabled,
        }, ct), ct);

    public Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct) =>
        SdkErrors.Call("DeleteVpcEndpoints", async () =>
        {
            var response = await clients.For(region).DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = endpointIds.ToList() }, ct);
            return (IReadOnlyList<DeleteEndpointFailure>)(response.Unsuccessful ?? [])
                .Select(u => new DeleteEndpointFailure(u.ResourceId, u.Error?.Code ?? "Unknown", u.Error?.Message ?? "")).ToList();
        }, ct);

    public Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        SdkErrors.Call("CreateTags", () => clients.For(region).CreateTagsAsync(new CreateTagsRequest
        {
            Resources = [resourceId], Tags = tags.Select(t => new EcTag(t.Key, t.Value)).ToList(),
        }, ct), ct);

    public Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct) =>
        SdkErrors.Call("DeleteTags", () => clients.For(region).DeleteTagsAsync(new DeleteTagsRequest
        {
            Resources = [resourceId], Tags = keys.Select(k => new EcTag { Key = k }).ToList(),
        }, ct), ct);

    private static AwsEndpoint ToEndpoint(VpcEndpoint e) => new(
        e.VpcEndpointId, e.VpcId, e.ServiceName, e.VpcEndpointType?.Value ?? "",
        // AWS spells some states in camel case (pendingAcceptance): the port's states are lower case, so the core never folds them.
        (e.State?.Value ?? "").ToLowerInvariant(),
        e.RouteTableIds ?? [], e.SubnetIds ?? [], (e.Groups ?? []).Select(g => g.GroupId).ToList(), e.NetworkInterfaceIds ?? [],
        e.PrivateDnsEnabled ?? false, e.PolicyDocument,
        (e.DnsEntries ?? []).Select(d => new AwsDnsEntry(d.DnsName, d.HostedZoneId)).ToList(),
        TagsOf(e.Tags), e.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);

    /// <summary>Every page of a Describe call: each page returns its NextToken and items; the gate, when given, is awaited before
    /// each page after the first.</summary>
    private static async Task<IReadOnlyList<TItem>> Pages<TResponse, TItem>(Func<string?, Task<(string? NextToken, IEnumerable<TItem> Items)>> page,
        FurtherPageGate? beforeFurtherPage = null, CancellationToken ct = default)
    {
        var items = new List<TItem>();
        string? token = null;
        do
        {
            if (token is not null && beforeFurtherPage is not null)
            {
                await beforeFurtherPage(ct);
            }
            var (next, pageItems) = await page(token);
            items.AddRange(pageItems);
            token = string.IsNullOrEmpty(next) ? null : next;
        }
        while (token is not null);
        return items;
    }

    private static List<Filter>? Filters(ResourceQuery query)
    {
        var filters = TagFilters(query.Tags);
        if (query.VpcIds is not null) filters.Add(new Filter("vpc-id", [.. query.VpcIds]));
        if (query.GroupName is not null) filters.Add(new Filter("group-name", [query.GroupName]));
        return filters.Count == 0 ? null : filters;
    }

    private static List<Filter> TagFilters(IReadOnlyDictionary<string, string>? tags) =>
        (tags ?? Ports.Aws.Tag.None).Select(t => new Filter("tag:" + t.Key, [t.Value])).ToList();

    // AWS reads an empty id list as "all": asking for no ids gets nothing, without a call.
    private static Task<IReadOnlyList<T>> NothingAsked<T>() => Task.FromResult<IReadOnlyList<T>>([]);

    private static List<string>? Ids(IReadOnlyList<string>? ids) => ids is { Count: > 0 } ? ids.ToList() : null;

    private static List<string>? NonEmpty(IReadOnlyList<string> ids) => ids.Count > 0 ? ids.ToList() : null;

    // EC2 refuses MaxResults together with explicit ids.
    private static int? PageSizeWithout(IReadOnlyList<string>? ids, int pageSize) => ids is { Count: > 0 } ? null : pageSize;

    private static IReadOnlyDictionary<string, string> TagsOf(List<EcTag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "");
}
