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

    public static AwsRouteTable RouteTable(SimRouteTable table) =>
        new(table.Id, table.VpcId,
            table.Routes.Select(r => new AwsRoute(r.DestinationCidrBlock, r.DestinationPrefixListId, r.GatewayId, r.NatGatewayId, "active")).ToList(),
            table.SubnetIds.ToList(), table.IsMain, Copy(table.Tags));

    public static AwsSecurityGroup SecurityGroup(SimSecurityGroup group) =>
        new(group.Id, group.Name, group.VpcId, group.Ingress.ToList(), Copy(group.Tags));

    public static AwsEndpoint Endpoint(SimRegion region, SimEndpoint endpoint) =>
        new(endpoint.Id, endpoint.VpcId, endpoint.ServiceName, endpoint.Type, endpoint.State.ToLowerInvariant(),
            endpoint.RouteTableIds.ToList(), endpoint.SubnetIds.ToList(), endpoint.SecurityGroupIds.ToList(),
            endpoint.SubnetIds.Where(endpoint.NetworkInterfaceBySubnet.ContainsKey).Select(s => endpoint.NetworkInterfaceBySubnet[s]).ToList(),
            endpoint.PrivateDnsEnabled, endpoint.PolicyDocument, DnsEntries(region, endpoint), Copy(endpoint.Tags), endpoint.CreatedAt);

    /// <summary>
    /// AWS's DNS entries of an Interface endpoint: the regional name, one per zone, then (with private DNS) the
    /// service's own name in the VPC's private hosted zone. Gateway endpoints have none.
    /// </summary>
    private static IReadOnlyList<AwsDnsEntry> DnsEntries(SimRegion region, SimEndpoint endpoint)
    {
        if (endpoint.Type != EndpointServiceCatalog.Interface || endpoint.State is EndpointStates.Deleted)
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
