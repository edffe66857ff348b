using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>Turns the simulator's state into the port's records (copies, so callers never see later changes).</summary>
internal static class SimViews
{
    public static IReadOnlyDictionary<string, string> Copy(Dictionary<string, string> tags) =>
        new Dictionary<string, string>(tags, StringComparer.Ordinal);

    public static AwsVpc Vpc(SimVpc vpc) => new(vpc.Id, vpc.CidrBlock, [vpc.CidrBlock], Copy(vpc.Tags));

    public static AwsSubnet Subnet(SimSubnet subnet) =>
        new(subnet.Id, subnet.VpcId, subnet.AvailabilityZone, subnet.CidrBlock, Copy(subnet.Tags));

    /// <summary>The table as it is now.</summary>
    public static AwsRouteTable RouteTable(SimRouteTable table) => RouteTable(table, table.Routes);

    /// <summary>The table with the routes a read shows (<see cref="EventualConsistency.ShownRoutes"/>).</summary>
    public static AwsRouteTable RouteTable(SimRouteTable table, IEnumerable<SimRoute> routes) =>
        new(table.Id, table.VpcId, routes.Select(Route).ToList(), table.SubnetIds.ToList(), table.IsMain, Copy(table.Tags));

    /// <summary>A route as DescribeRouteTables shows it: the target in the field of its kind (internet, virtual private and
    /// endpoint gateways, and "local", are all GatewayId).</summary>
    public static AwsRoute Route(SimRoute route)
    {
        var target = route.TargetId;
        var kind = target.Split('-')[0];
        return new AwsRoute(route.DestinationCidrBlock, route.DestinationPrefixListId,
            kind is "local" or "igw" or "vgw" or "vpce" ? target : null, kind == "nat" ? target : null, "active")
        {
            TransitGatewayId = kind == "tgw" ? target : null,
            VpcPeeringConnectionId = kind == "pcx" ? target : null,
            InstanceId = kind == "i" ? target : null,
            NetworkInterfaceId = kind == "eni" ? target : null,
        };
    }

    public static AwsSecurityGroup SecurityGroup(SimSecurityGroup group) =>
        new(group.Id, group.Name, group.VpcId, group.Ingress.ToList(), Copy(group.Tags));

    public static AwsNetworkAcl NetworkAcl(SimNetworkAcl acl) =>
        new(acl.Id, acl.VpcId, acl.IsDefault, acl.Entries.OrderBy(e => e.Egress).ThenBy(e => e.RuleNumber).ToList(), acl.SubnetIds.ToList(), Copy(acl.Tags));

    /// <summary>Every network interface of the region: those made for instances and the like, then the interface endpoints'
    /// own (they carry the endpoint's security groups, as in AWS), until the endpoint is deleted.</summary>
    public static IEnumerable<(AwsNetworkInterface Interface, Dictionary<string, string> Tags)> NetworkInterfaces(SimRegion region)
    {
        foreach (var eni in region.NetworkInterfaces.Values.OrderBy(n => n.Sequence))
            yield return (new AwsNetworkInterface(eni.Id, eni.VpcId, eni.SubnetId, eni.GroupIds.ToList(), "interface"), eni.Tags);
        foreach (var endpoint in region.Endpoints.Values.OrderBy(e => e.Sequence))
            foreach (var (subnetId, eniId) in endpoint.NetworkInterfaceBySubnet.OrderBy(p => p.Value, StringComparer.Ordinal))
                yield return (new AwsNetworkInterface(eniId, endpoint.VpcId, subnetId, endpoint.SecurityGroupIds.ToList(), "vpc_endpoint"), Tag.None.ToDictionary());
    }

    /// <param name="shownState">The state a read shows (<see cref="EventualConsistency.ShownState"/>); null: the endpoint's own.</param>
    public static AwsEndpoint Endpoint(SimRegion region, SimEndpoint endpoint, string? shownState = null) =>
        new(endpoint.Id, endpoint.VpcId, endpoint.ServiceName, endpoint.Type, (shownState ?? endpoint.State).ToLowerInvariant(),
            endpoint.RouteTableIds.ToList(), endpoint.SubnetIds.ToList(), endpoint.SecurityGroupIds.ToList(),
            endpoint.SubnetIds.Where(endpoint.NetworkInterfaceBySubnet.ContainsKey).Select(s => endpoint.NetworkInterfaceBySubnet[s]).ToList(),
            endpoint.PrivateDnsEnabled, endpoint.PolicyDocument, DnsEntries(region, endpoint, shownState ?? endpoint.State), Copy(endpoint.Tags), endpoint.CreatedAt);

    /// <summary>
    /// AWS's DNS entries of an Interface endpoint: the regional name, one per zone, then (with private DNS) the
    /// service's own name in the VPC's private hosted zone. Gateway endpoints have none.
    /// </summary>
    private static IReadOnlyList<AwsDnsEntry> DnsEntries(SimRegion region, SimEndpoint endpoint, string state)
    {
        if (endpoint.Type != EndpointServiceCatalog.Interface || state is EndpointStates.Deleted)
            return [];
        var service = region.Services.GetValueOrDefault(endpoint.ServiceName);
        var shortName = service?.ShortName ?? endpoint.ServiceName.Split('.').Last();
        var suffix = $"{shortName}.{region.Name}.vpce.amazonaws.com";
        var entries = new List<AwsDnsEntry> { new($"{endpoint.Id}-{endpoint.DnsSuffix}.{suffix}", region.VpceHostedZoneId) };
        foreach (var zone in endpoint.SubnetIds.Select(s => region.Subnets.GetValueOrDefault(s)?.AvailabilityZone).OfType<string>().Order(StringComparer.Ordinal))
            entries.Add(new AwsDnsEntry($"{endpoint.Id}-{endpoint.DnsSuffix}-{zone}.{suffix}", region.VpceHostedZoneId));
        if (endpoint.PrivateDnsEnabled && service?.PrivateDnsName is { } privateName)
            entries.Add(new AwsDnsEntry(privateName, endpoint.PrivateHostedZoneId));
        return entries;
    }

    public static AwsEndpointService Service(SimRegion region, SimEndpointService service, string type) =>
        new(service.ServiceName, [type], service.AvailabilityZones ?? region.AvailabilityZones,
            type == EndpointServiceCatalog.Interface ? service.PrivateDnsName : null) { PolicySupported = service.PolicySupported };
}
