using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Resolves a VpcEndpoint's references against AWS: the service offered in the region, the VPC, the route tables,
/// subnets and security groups its ids and selectors name. Reads the regional snapshot; a VPC the snapshot does not show is
/// read by id once per window for every object that names it (<see cref="EndpointSnapshot.VpcByIdAsync"/>), and any other
/// id the snapshot does not show in the VPC is described fresh, so its error names what is wrong. Reads only; knows
/// nothing of the endpoint itself.</summary>
public sealed class EndpointReferenceResolver(IEc2Api ec2, RegionCatalog catalog, EndpointSnapshot snapshot)
{
    // What the specs ask of a VPC's read, answered once per read for every object that asks the same: which VPCs a selector
    // matches, which subnets, route tables or groups a selector (or the default group) picks, the tables subnets use, and
    // which named ids the read shows.
    private static readonly SnapshotMemo<IReadOnlyList<AwsVpc>, TagsKey, IReadOnlyList<AwsVpc>> VpcsMatching = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSubnet>, TagsKey, IReadOnlyList<ResolvedSubnet>> SubnetsMatching = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsRouteTable>, TagsKey, IReadOnlyList<string>> TablesMatching = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSecurityGroup>, TagsKey, IReadOnlyList<string>> GroupsMatching = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSecurityGroup>, bool, IReadOnlyList<string>> DefaultGroups = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsRouteTable>, IdsKey, IReadOnlyList<string>> TablesOfSubnets = new();

    public async Task<ReferenceResolution> ResolveAsync(VpcEndpointSpec spec, EndpointIdentity identity, CancellationToken ct)
    {
        var region = identity.Region;
        var service = await catalog.GetServiceAsync(region, identity.ServiceName, identity.Type, ct);
        if (service is null)
        {
            var message = catalog.IsKnown(region, identity.ServiceName)
                ? $"{identity.ServiceName} does not offer {identity.Type} endpoints in {region}"
                : $"{identity.ServiceName} is not an endpoint service in {region}";
            return new ReferenceResolution { Problem = new(ObserveReasons.ServiceNotAvailable, spec.Type is null ? "spec.serviceName" : "spec.type", message) };
        }

        var (vpc, vpcProblem) = await ResolveVpcAsync(region, spec, ct);
        if (vpc is null)
        {
            return new ReferenceResolution { Problem = vpcProblem, Service = service };
        }

        var isGateway = identity.Type == EndpointTypes.Gateway;
        var routeTables = (Ids: (IReadOnlyList<string>)[], Problem: (ObserveProblem?)null);
        var subnets = (Subnets: (IReadOnlyList<ResolvedSubnet>)[], Problem: (ObserveProblem?)null);
        var groups = (Ids: (IReadOnlyList<string>)[], Problem: (ObserveProblem?)null);
        subnets = await ResolveSubnetsAsync(region, vpc.VpcId, spec, isGateway, ct);
        if (isGateway)
        {
            routeTables = await ResolveRouteTablesAsync(region, vpc.VpcId, spec, subnets.Subnets, ct);
        }
        else
        {
            groups = await ResolveSecurityGroupsAsync(region, vpc.VpcId, spec, ct);
        }
        if ((subnets.Problem ?? routeTables.Problem ?? groups.Problem) is { } problem)
        {
            return new ReferenceResolution { Problem = problem, Vpc = vpc, Service = service };
        }
        return new ReferenceResolution
        {
            Vpc = vpc,
            Service = service,
            Network = new ResolvedNetwork
            {
                Region = region,
                VpcId = vpc.VpcId,
                ServiceName = identity.ServiceName,
                Type = identity.Type,
                RouteTableIds = routeTables.Ids,
                Subnets = subnets.Subnets,
                SecurityGroupIds = groups.Ids,
                ServiceZones = service.AvailabilityZones,
            },
        };
    }

    private async ValueTask<(AwsVpc? Vpc, ObserveProblem? Problem)> ResolveVpcAsync(string region, VpcEndpointSpec spec, CancellationToken ct)
    {
        var vpcs = await snapshot.VpcsAsync(region, ct);
        if (spec.VpcId is not null)
        {
            foreach (var known in vpcs)
            {
                if (known.VpcId == spec.VpcId)
                {
                    return (known, null);
                }
            }
            try
            {
                if (await snapshot.VpcByIdAsync(region, spec.VpcId, ct) is [var found])
                {
                    return (found, null);
                }
            }
            catch (AwsApiException e) when (e.IsMalformed)
            {
                return (null, Malformed("spec.vpcId", e));
            }
            return (null, new(ObserveReasons.NotFound, "spec.vpcId", $"VPC {spec.VpcId} does not exist in {region}"));
        }
        var tags = spec.VpcSelector!.Tags;
        var matches = VpcsMatching.Get(vpcs, new TagsKey(tags), static (all, k) => all.Where(v => TagSelectors.Match(v.Tags, k.Tags)).ToList());
        return matches.Count == 1
            ? (matches[0], null)
            : (null, new(ObserveReasons.InvalidSpec, "spec.vpcSelector",
                $"must match exactly one VPC in {region}; {Describe(tags)} matches {matches.Count}" +
                (matches.Count > 1 ? $" ({string.Join(", ", matches.Select(v => v.VpcId).Order())})" : "")));
    }

    /// <summary>Gateway: routeTableIds, what routeTableSelector matches, and the tables the spec's subnets use (their explicit
    /// association, else the VPC's main table). A selector that matches nothing is a mistake in the spec, never an endpoint
    /// silently without routes.</summary>
    private async ValueTask<(IReadOnlyList<string> Ids, ObserveProblem? Problem)> ResolveRouteTablesAsync(
        string region, string vpcId, VpcEndpointSpec spec, IReadOnlyList<ResolvedSubnet> subnets, CancellationToken ct)
    {
        var vpcTables = await snapshot.RouteTablesAsync(region, vpcId, ct);
        var ofSubnets = TablesOfSubnets.Get(vpcTables, new IdsKey(SubnetIds(subnets)),
            static (tables, k) => RouteCoverage.TablesOf(k.Ids, tables));
        if (spec.RouteTableSelector is null && spec.RouteTableIds is { Count: > 0 } named && AllShown(vpcTables, named))
        {
            // The usual gateway: its tables named by id, all in the VPC's read; sorted, each once, with the subnets' tables.
            return (Union(named, ofSubnets), null);
        }
        if (spec.RouteTableSelector is null && spec.RouteTableIds is not { Count: > 0 })
        {
            return (ofSubnets, null);
        }
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        if (spec.RouteTableIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await ExplicitAsync(
                "spec.routeTableIds", "route table", explicitIds, vpcId, region, vpcTables,
                q => ec2.DescribeRouteTablesAsync(region, q, ct), t => t.RouteTableId, t => t.VpcId);
            if (problem is not null)
            {
                return ([], problem);
            }
            ids.UnionWith(found.Select(t => t.RouteTableId));
        }
        if (spec.RouteTableSelector is { } selector)
        {
            var selected = TablesMatching.Get(vpcTables, new TagsKey(selector.Tags),
                static (all, k) => all.Where(t => TagSelectors.Match(t.Tags, k.Tags)).Select(t => t.RouteTableId).ToList());
            if (selected.Count == 0)
            {
                return ([], new(ObserveReasons.InvalidSpec, "spec.routeTableSelector", $"{Describe(selector.Tags)} matches no route table of {vpcId}"));
            }
            ids.UnionWith(selected);
        }
        ids.UnionWith(ofSubnets);
        return (ids.ToList(), null);
    }

    /// <summary>Interface: where the interfaces go. Gateway: the subnets whose route tables get the endpoint. A gateway's
    /// selector must match a subnet; an interface's must unless subnetIds name some.</summary>
    private async ValueTask<(IReadOnlyList<ResolvedSubnet> Subnets, ObserveProblem? Problem)> ResolveSubnetsAsync(
        string region, string vpcId, VpcEndpointSpec spec, bool gateway, CancellationToken ct)
    {
        if (spec.SubnetIds is not { Count: > 0 } && spec.SubnetSelector is { } only)
        {
            // The usual interface: subnets by selector alone, picked once per read.
            var picked = SubnetsMatching.Get(await snapshot.SubnetsAsync(region, vpcId, ct), new TagsKey(only.Tags), static (all, k) => Selected(all, k.Tags));
            return picked.Count == 0
                ? ([], new(ObserveReasons.InvalidSpec, "spec.subnetSelector", $"{Describe(only.Tags)} matches no subnet of {vpcId}"))
                : (picked, null);
        }
        var subnets = new List<ResolvedSubnet>();
        if (spec.SubnetIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await ExplicitAsync(
                "spec.subnetIds", "subnet", explicitIds, vpcId, region, await snapshot.SubnetsAsync(region, vpcId, ct),
                q => ec2.DescribeSubnetsAsync(region, q, ct), s => s.SubnetId, s => s.VpcId);
            if (problem is not null)
            {
                return ([], problem);
            }
            subnets.AddRange(found.Select(s => new ResolvedSubnet(s.SubnetId, s.AvailabilityZone, Explicit: true)));
        }
        if (spec.SubnetSelector is { } selector)
        {
            var selected = SubnetsMatching.Get(await snapshot.SubnetsAsync(region, vpcId, ct), new TagsKey(selector.Tags), static (all, k) => Selected(all, k.Tags));
            if (selected.Count == 0 && (gateway || subnets.Count == 0))
            {
                return ([], new(ObserveReasons.InvalidSpec, "spec.subnetSelector", $"{Describe(selector.Tags)} matches no subnet of {vpcId}"));
            }
            subnets.AddRange(selected);
        }
        return (subnets, null);
    }

    private async ValueTask<(IReadOnlyList<string> Ids, ObserveProblem? Problem)> ResolveSecurityGroupsAsync(
        string region, string vpcId, VpcEndpointSpec spec, CancellationToken ct)
    {
        var inVpc = await snapshot.SecurityGroupsAsync(region, vpcId, ct);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        if (spec.SecurityGroupIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await ExplicitAsync(
                "spec.securityGroupIds", "security group", explicitIds, vpcId, region, inVpc,
                q => ec2.DescribeSecurityGroupsAsync(region, q, ct), g => g.GroupId, g => g.VpcId);
            if (problem is not null)
            {
                return ([], problem);
            }
            ids.UnionWith(found.Select(g => g.GroupId));
        }
        if (spec.SecurityGroupSelector is { } selector)
        {
            var selected = GroupsMatching.Get(inVpc, new TagsKey(selector.Tags),
                static (all, k) => all.Where(g => TagSelectors.Match(g.Tags, k.Tags)).Select(g => g.GroupId).ToList());
            if (selected.Count == 0 && ids.Count == 0)
            {
                return ([], new(ObserveReasons.InvalidSpec, "spec.securityGroupSelector", $"{Describe(selector.Tags)} matches no security group of {vpcId}"));
            }
            ids.UnionWith(selected);
            // A VPC holds thousands of groups; an interface takes at most 16, and AWS would refuse the whole create or modify.
            if (ids.Count > AwsLimits.SecurityGroupsPerEndpoint)
            {
                return ([], new(ObserveReasons.InvalidSpec, "spec.securityGroupSelector",
                    $"{Describe(selector.Tags)} (with spec.securityGroupIds) selects {ids.Count} security groups of {vpcId}; " +
                    $"an endpoint takes at most {AwsLimits.SecurityGroupsPerEndpoint}"));
            }
        }
        if (ids.Count > 0)
        {
            return (ids.ToList(), null);
        }
        var defaults = DefaultGroups.Get(inVpc, true, static (all, _) => all.Where(g => g.GroupName == "default").Select(g => g.GroupId).ToList());
        return defaults.Count == 1
            ? (defaults, null)
            : ([], new(ObserveReasons.NotFound, "spec.securityGroupIds",
                $"{vpcId} has no default security group; name one in spec.securityGroupIds or select some with spec.securityGroupSelector"));
    }

    /// <summary>Resources the spec names by id: every one must exist and be in the endpoint's VPC. Found in the VPC's
    /// snapshot, they cost no call; otherwise they are described, so the problem says which is missing or elsewhere.</summary>
    private static async Task<(IReadOnlyList<T> Found, ObserveProblem? Problem)> ExplicitAsync<T>(
        string field, string what, IReadOnlyList<string> ids, string vpcId, string region, IReadOnlyList<T> inVpc,
        Func<ResourceQuery, Task<IReadOnlyList<T>>> describe, Func<T, string> idOf, Func<T, string> vpcOf)
    {
        var known = inVpc.Where(r => ids.Contains(idOf(r))).ToList();
        if (known.Count == ids.Distinct().Count())
        {
            return (known, null);
        }
        IReadOnlyList<T> found;
        try
        {
            found = await describe(new ResourceQuery { Ids = ids.Distinct().ToList() });
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return ([], new(ObserveReasons.NotFound, field, $"{e.Message}"));
        }
        catch (AwsApiException e) when (e.IsMalformed)
        {
            return ([], Malformed(field, e));
        }
        var missing = ids.Except(found.Select(idOf)).ToList();
        if (missing.Count > 0)
        {
            return ([], new(ObserveReasons.NotFound, field, $"{what} {string.Join(", ", missing)} does not exist in {region}"));
        }
        var foreign = found.Where(r => vpcOf(r) != vpcId).ToList();
        if (foreign.Count > 0)
        {
            return ([], new(ObserveReasons.InvalidSpec, field,
                string.Join("; ", foreign.Select(r => $"{what} {idOf(r)} is in {vpcOf(r)}, not in {vpcId}"))));
        }
        return (found, null);
    }

    private static List<ResolvedSubnet> Selected(IReadOnlyList<AwsSubnet> all, IReadOnlyDictionary<string, string> selector) =>
        all.Where(s => TagSelectors.Match(s.Tags, selector)).Select(s => new ResolvedSubnet(s.SubnetId, s.AvailabilityZone, Explicit: false)).ToList();

    private static IReadOnlyList<string> SubnetIds(IReadOnlyList<ResolvedSubnet> subnets)
    {
        if (subnets.Count == 0)
        {
            return [];
        }
        var ids = new string[subnets.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = subnets[i].SubnetId;
        }
        return ids;
    }

    // Whether the VPC's read shows every named table, as ExplicitAsync would find them there: a loop, with nothing kept per object.
    private static bool AllShown(IReadOnlyList<AwsRouteTable> tables, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var shown = false;
            for (var j = 0; j < tables.Count && !shown; j++)
            {
                shown = tables[j].RouteTableId == ids[i];
            }
            if (!shown)
            {
                return false;
            }
        }
        return true;
    }

    // The named ids and the subnets' tables, sorted, each once.
    private static IReadOnlyList<string> Union(IReadOnlyList<string> named, IReadOnlyList<string> ofSubnets)
    {
        var ids = new List<string>(named.Count + ofSubnets.Count);
        foreach (var id in named)
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        foreach (var id in ofSubnets)
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static string Describe(IReadOnlyDictionary<string, string> tags) =>
        "{" + string.Join(", ", tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")) + "}";

    /// <summary>An id the spec names that EC2 refuses for its shape: a spec error, refused until the spec changes, not retried.</summary>
    internal static ObserveProblem Malformed(string field, AwsApiException e) =>
        new(ObserveReasons.InvalidSpec, field, $"AWS does not take it as an id ({e.Message})");
}
