using System.Runtime.CompilerServices;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>Turns the simulator's state into the port's records (copies, so callers never see later changes).</summary>
internal static class SimViews
{
    // An endpoint's interfaces carry no tags; the filter only reads them.
    private static readonly Dictionary<string, string> NoTags = new(StringComparer.Ordinal);

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
    public static AwsRoute Route(SimRoute route) => RouteViews.GetValue(route, MakeRoute);

    // A route never changes (a change is another route), and its view is immutable: made once per route, not per read.
    private static readonly ConditionalWeakTable<SimRoute, AwsRoute> RouteViews = new();
    private static readonly ConditionalWeakTable<SimRoute, AwsRoute>.CreateValueCallback MakeRoute = NewRoute;

    private static AwsRoute NewRoute(SimRoute route)
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
                yield return (new AwsNetworkInterface(eniId, endpoint.VpcId, subnetId, endpoint.SecurityGroupIds.ToList(), "vpc_endpoint"), NoTags);
    }

    /// <summary>The endpoint as DescribeVpcEndpoints shows it. The record is immutable, so the last one made is handed out
    /// again while everything it was made from is unchanged (every listing shows every endpoint: making each anew was
    /// most of what the simulator allocated in a steady hour).</summary>
    /// <param name="shownState">The state a read shows (<see cref="EventualConsistency.ShownState"/>); null: the endpoint's own.
    /// A view of another state than the endpoint's is made anew each time and not kept.</param>
    public static AwsEndpoint Endpoint(SimRegion region, SimEndpoint endpoint, string? shownState = null)
    {
        var state = shownState ?? endpoint.State;
        var own = shownState is null || shownState == endpoint.State;
        var privateDnsName = region.Services.GetValueOrDefault(endpoint.ServiceName)?.PrivateDnsName;
        if (own && endpoint.LastView is { } last && Unchanged(last, endpoint, privateDnsName))
            return last.View;
        var view = new AwsEndpoint(endpoint.Id, endpoint.VpcId, endpoint.ServiceName, endpoint.Type, state.ToLowerInvariant(),
            endpoint.RouteTableIds.ToList(), endpoint.SubnetIds.ToList(), endpoint.SecurityGroupIds.ToList(),
            endpoint.SubnetIds.Where(endpoint.NetworkInterfaceBySubnet.ContainsKey).Select(s => endpoint.NetworkInterfaceBySubnet[s]).ToList(),
            endpoint.PrivateDnsEnabled, endpoint.PolicyDocument, DnsEntries(region, endpoint, state), Copy(endpoint.Tags), endpoint.CreatedAt);
        if (own)
            endpoint.LastView = new SimEndpointView(view, endpoint.DnsSuffix, endpoint.PrivateHostedZoneId, privateDnsName);
        return view;
    }

    // Whether the view was made from what the endpoint holds now: every field it copies, and what its DNS entries come from
    // (the subnets' zones never change).
    private static bool Unchanged(SimEndpointView last, SimEndpoint endpoint, string? privateDnsName)
    {
        var view = last.View;
        if (!string.Equals(view.State, endpoint.State, StringComparison.OrdinalIgnoreCase) || view.PrivateDnsEnabled != endpoint.PrivateDnsEnabled
            || view.PolicyDocument != endpoint.PolicyDocument || last.DnsSuffix != endpoint.DnsSuffix
            || last.PrivateHostedZoneId != endpoint.PrivateHostedZoneId || last.PrivateDnsName != privateDnsName
            || !Same(view.RouteTableIds, endpoint.RouteTableIds) || !Same(view.SubnetIds, endpoint.SubnetIds)
            || !Same(view.SecurityGroupIds, endpoint.SecurityGroupIds) || view.Tags.Count != endpoint.Tags.Count)
            return false;
        var interfaces = 0;
        foreach (var subnetId in endpoint.SubnetIds)
        {
            if (!endpoint.NetworkInterfaceBySubnet.TryGetValue(subnetId, out var eni))
                continue;
            if (interfaces >= view.NetworkInterfaceIds.Count || view.NetworkInterfaceIds[interfaces] != eni)
                return false;
            interfaces++;
        }
        if (interfaces != view.NetworkInterfaceIds.Count)
            return false;
        foreach (var (key, value) in endpoint.Tags)
        {
            if (!view.Tags.TryGetValue(key, out var shown) || shown != value)
                return false;
        }
        return true;
    }

    private static bool Same(IReadOnlyList<string> shown, List<string> held)
    {
        if (shown.Count != held.Count)
            return false;
        for (var i = 0; i < held.Count; i++)
        {
            if (shown[i] != held[i])
                return false;
        }
        return true;
    }

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
            type == EndpointServiceCatalog.Interface ? service.PrivateDnsName : null) { PolicySupported = service.PolicySupported, Owner = service.Owner };
}
