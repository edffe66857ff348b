using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads AWS for one VpcEndpoint: resolves the spec's references and finds the endpoint. Never mutates.</summary>
public sealed class EndpointObserver(IEc2Api ec2, RegionCatalog catalog, ReconcileSettings settings)
{
    public async Task<EndpointObservation> ObserveAsync(VpcEndpoint resource, EndpointIdentity identity, CancellationToken ct)
    {
        var spec = resource.Spec;
        var region = identity.Region;

        var service = await catalog.GetServiceAsync(region, identity.ServiceName, identity.Type, ct);
        if (service is null)
        {
            var message = catalog.IsKnown(region, identity.ServiceName)
                ? $"{identity.ServiceName} does not offer {identity.Type} endpoints in {region}"
                : $"{identity.ServiceName} is not an endpoint service in {region}";
            return Fail(ObserveReasons.ServiceNotAvailable, spec.Type is null ? "spec.serviceName" : "spec.type", message);
        }

        var (vpc, vpcProblem) = await ResolveVpcAsync(region, spec, ct);
        if (vpc is null)
        {
            return new EndpointObservation { Problem = vpcProblem };
        }

        var isGateway = identity.Type == EndpointTypes.Gateway;
        var routeTables = (Ids: (IReadOnlyList<string>)[], Problem: (ObserveProblem?)null);
        var subnets = (Subnets: (IReadOnlyList<ResolvedSubnet>)[], Problem: (ObserveProblem?)null);
        var groups = (Ids: (IReadOnlyList<string>)[], Problem: (ObserveProblem?)null);
        if (isGateway)
        {
            routeTables = await ResolveRouteTablesAsync(region, vpc.VpcId, spec, ct);
        }
        else
        {
            subnets = await ResolveSubnetsAsync(region, vpc.VpcId, spec, ct);
            groups = await ResolveSecurityGroupsAsync(region, vpc.VpcId, spec, ct);
        }
        var problem = routeTables.Problem ?? subnets.Problem ?? groups.Problem;
        if (problem is not null)
        {
            return new EndpointObservation { Problem = problem, Vpc = vpc };
        }

        var network = new ResolvedNetwork
        {
            Region = region,
            VpcId = vpc.VpcId,
            ServiceName = identity.ServiceName,
            Type = identity.Type,
            RouteTableIds = routeTables.Ids,
            Subnets = subnets.Subnets,
            SecurityGroupIds = groups.Ids,
            ServiceZones = service.AvailabilityZones,
        };

        var (actual, foundBy, findProblem) = await FindEndpointAsync(resource, region, ct);
        if (findProblem is not null)
        {
            return new EndpointObservation { Problem = findProblem, Network = network, Vpc = vpc };
        }
        var observation = new EndpointObservation { Network = network, Vpc = vpc, Actual = actual, FoundBy = foundBy };
        if (!isGateway)
        {
            // The interface checks look at what the spec asks for, so they explain a create or modify AWS refuses.
            var dns = (spec.PrivateDnsEnabled ?? true) ? await ec2.DescribeVpcDnsAttributesAsync(region, vpc.VpcId, ct) : null;
            var endpointGroups = (await ec2.DescribeSecurityGroupsAsync(region, new ResourceQuery { Ids = network.SecurityGroupIds }, ct)).ToList();
            return observation with { VpcDns = dns, EndpointSecurityGroups = endpointGroups };
        }
        if (actual is null || actual.VpcId != vpc.VpcId)
        {
            return observation;
        }
        var prefixListId = await catalog.GetPrefixListIdAsync(region, identity.ServiceName, ct);
        var associated = actual.RouteTableIds.Count == 0
            ? []
            : (await ec2.DescribeRouteTablesAsync(region, new ResourceQuery { VpcId = vpc.VpcId }, ct))
                .Where(t => actual.RouteTableIds.Contains(t.RouteTableId)).ToList();
        return observation with { PrefixListId = prefixListId, AssociatedRouteTables = associated };
    }

    private static EndpointObservation Fail(string reason, string? field, string message) =>
        new() { Problem = new ObserveProblem(reason, field, message) };

    private async Task<(AwsVpc? Vpc, ObserveProblem? Problem)> ResolveVpcAsync(string region, VpcEndpointSpec spec, CancellationToken ct)
    {
        if (spec.VpcId is not null)
        {
            try
            {
                var found = await ec2.DescribeVpcsAsync(region, new ResourceQuery { Ids = [spec.VpcId] }, ct);
                if (found.Count == 1)
                {
                    return (found[0], null);
                }
            }
            catch (AwsApiException e) when (e.IsNotFound)
            {
            }
            return (null, new(ObserveReasons.NotFound, "spec.vpcId", $"VPC {spec.VpcId} does not exist in {region}"));
        }
        var tags = spec.VpcSelector!.Tags;
        var matches = await ec2.DescribeVpcsAsync(region, new ResourceQuery { Tags = tags }, ct);
        return matches.Count == 1
            ? (matches[0], null)
            : (null, new(ObserveReasons.InvalidSpec, "spec.vpcSelector",
                $"must match exactly one VPC in {region}; {Describe(tags)} matches {matches.Count}" +
                (matches.Count > 1 ? $" ({string.Join(", ", matches.Select(v => v.VpcId).Order())})" : "")));
    }

    private async Task<(IReadOnlyList<string> Ids, ObserveProblem? Problem)> ResolveRouteTablesAsync(
        string region, string vpcId, VpcEndpointSpec spec, CancellationToken ct)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        if (spec.RouteTableIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await DescribeExplicitAsync(
                "spec.routeTableIds", "route table", explicitIds, vpcId, region,
                q => ec2.DescribeRouteTablesAsync(region, q, ct), t => t.RouteTableId, t => t.VpcId);
            if (problem is not null)
            {
                return ([], problem);
            }
            ids.UnionWith(found.Select(t => t.RouteTableId));
        }
        if (spec.RouteTableSelector is { } selector)
        {
            var selected = await ec2.DescribeRouteTablesAsync(region, new ResourceQuery { VpcId = vpcId, Tags = selector.Tags }, ct);
            ids.UnionWith(selected.Select(t => t.RouteTableId));
        }
        return (ids.ToList(), null);
    }

    private async Task<(IReadOnlyList<ResolvedSubnet> Subnets, ObserveProblem? Problem)> ResolveSubnetsAsync(
        string region, string vpcId, VpcEndpointSpec spec, CancellationToken ct)
    {
        var subnets = new List<ResolvedSubnet>();
        if (spec.SubnetIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await DescribeExplicitAsync(
                "spec.subnetIds", "subnet", explicitIds, vpcId, region,
                q => ec2.DescribeSubnetsAsync(region, q, ct), s => s.SubnetId, s => s.VpcId);
            if (problem is not null)
            {
                return ([], problem);
            }
            subnets.AddRange(found.Select(s => new ResolvedSubnet(s.SubnetId, s.AvailabilityZone, Explicit: true)));
        }
        if (spec.SubnetSelector is { } selector)
        {
            var selected = await ec2.DescribeSubnetsAsync(region, new ResourceQuery { VpcId = vpcId, Tags = selector.Tags }, ct);
            if (selected.Count == 0 && subnets.Count == 0)
            {
                return ([], new(ObserveReasons.InvalidSpec, "spec.subnetSelector", $"{Describe(selector.Tags)} matches no subnet of {vpcId}"));
            }
            subnets.AddRange(selected.Select(s => new ResolvedSubnet(s.SubnetId, s.AvailabilityZone, Explicit: false)));
        }
        return (subnets, null);
    }

    private async Task<(IReadOnlyList<string> Ids, ObserveProblem? Problem)> ResolveSecurityGroupsAsync(
        string region, string vpcId, VpcEndpointSpec spec, CancellationToken ct)
    {
        if (spec.SecurityGroupIds is { Count: > 0 } explicitIds)
        {
            var (found, problem) = await DescribeExplicitAsync(
                "spec.securityGroupIds", "security group", explicitIds, vpcId, region,
                q => ec2.DescribeSecurityGroupsAsync(region, q, ct), g => g.GroupId, g => g.VpcId);
            return problem is not null ? ([], problem) : (found.Select(g => g.GroupId).Order(StringComparer.Ordinal).ToList(), null);
        }
        var defaults = await ec2.DescribeSecurityGroupsAsync(region, new ResourceQuery { VpcId = vpcId, GroupName = "default" }, ct);
        return defaults.Count == 1
            ? ([defaults[0].GroupId], null)
            : ([], new(ObserveReasons.NotFound, "spec.securityGroupIds", $"{vpcId} has no default security group; name one in spec.securityGroupIds"));
    }

    /// <summary>Describes resources the spec names by id: every one must exist and be in the endpoint's VPC.</summary>
    private static async Task<(IReadOnlyList<T> Found, ObserveProblem? Problem)> DescribeExplicitAsync<T>(
        string field, string what, IReadOnlyList<string> ids, string vpcId, string region,
        Func<ResourceQuery, Task<IReadOnlyList<T>>> describe, Func<T, string> idOf, Func<T, string> vpcOf)
    {
        IReadOnlyList<T> found;
        try
        {
            found = await describe(new ResourceQuery { Ids = ids.Distinct().ToList() });
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return ([], new(ObserveReasons.NotFound, field, $"{e.Message}"));
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

    private async Task<(AwsEndpoint? Actual, string? FoundBy, ObserveProblem? Problem)> FindEndpointAsync(
        VpcEndpoint resource, string region, CancellationToken ct)
    {
        var adoptId = resource.Spec.EndpointId;
        if (adoptId is not null)
        {
            var adopted = await DescribeByIdAsync(region, adoptId, ct);
            return adopted is null
                ? (null, null, new(ObserveReasons.NotFound, "spec.endpointId", $"endpoint {adoptId} does not exist in {region}"))
                : (adopted, FoundBy.Adopted, null);
        }
        var status = resource.Status;
        if (status?.EndpointId is { } statusId && (status.Region is null || status.Region == region))
        {
            var known = await DescribeByIdAsync(region, statusId, ct);
            if (known is not null && known.State != EndpointStates.Deleted)
            {
                return (known, FoundBy.Status, null);
            }
        }
        // Before ever creating: an endpoint with this object's ownership tags (created by a run that crashed before its status write).
        var live = (await DescribeOwnedAsync(resource, region, ct))
            .Where(e => e.State is not EndpointStates.Deleted and not EndpointStates.Deleting)
            .OrderBy(e => e.CreationTimestamp ?? DateTimeOffset.MaxValue).ThenBy(e => e.VpcEndpointId, StringComparer.Ordinal)
            .FirstOrDefault();
        return (live, live is null ? null : FoundBy.OwnershipTags, null);
    }

    /// <summary>The endpoints carrying this object's ownership tags, in any state.</summary>
    public Task<IReadOnlyList<AwsEndpoint>> DescribeOwnedAsync(VpcEndpoint resource, string region, CancellationToken ct) =>
        ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery
        {
            Tags = OwnershipTags.For(settings.ClusterName, resource.Metadata.Namespace ?? "", resource.Metadata.Name),
        }, ct);

    /// <summary>The endpoint, or null when AWS no longer knows it.</summary>
    public async Task<AwsEndpoint?> DescribeByIdAsync(string region, string id, CancellationToken ct)
    {
        try
        {
            var found = await ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery { EndpointIds = [id] }, ct);
            return found.FirstOrDefault(e => e.VpcEndpointId == id);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static string Describe(IReadOnlyDictionary<string, string> tags) =>
        "{" + string.Join(", ", tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")) + "}";
}
