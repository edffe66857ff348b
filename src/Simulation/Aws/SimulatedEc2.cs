using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>EC2 as the operator sees it, answered from the <see cref="SimulatedWorld"/> with AWS's validation and error codes.</summary>
internal sealed class SimulatedEc2(SimulatedWorld world, AwsCallGate gate) : IEc2Api
{
    private const string Interface = EndpointServiceCatalog.Interface;
    private const string Gateway = EndpointServiceCatalog.Gateway;
    private const int MaxTagsPerResource = 50;

    public Task<IReadOnlyList<AwsVpc>> DescribeVpcsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeVpcs", region, DescribePageSizes.Vpcs, r =>
            Select(r.Vpcs, Checked(query, "vpc").Ids, Ec2Errors.VpcNotFound)
                .Where(v => (query.VpcIds is null || query.VpcIds.Contains(v.Id)) && TagsMatch(v.Tags, query.Tags))
                .OrderBy(v => v.Sequence).Select(SimViews.Vpc), ct, beforeFurtherPage);

    public async Task<VpcDnsAttributes> DescribeVpcDnsAttributesAsync(string region, string vpcId, CancellationToken ct)
    {
        // EC2 answers one attribute per DescribeVpcAttribute call, so an adapter makes two.
        await gate.PassAsync("ec2:DescribeVpcAttribute", region, Ec2ActionClass.NonMutating, ct).ConfigureAwait(false);
        await gate.PassAsync("ec2:DescribeVpcAttribute", region, Ec2ActionClass.NonMutating, ct).ConfigureAwait(false);
        Ec2Ids.Check("vpc", vpcId);
        lock (world.Sync)
        {
            var vpc = world.RegionLocked(region).Vpcs.GetValueOrDefault(vpcId) ?? throw Ec2Errors.VpcNotFound(vpcId);
            return new VpcDnsAttributes(vpc.EnableDnsSupport, vpc.EnableDnsHostnames);
        }
    }

    public Task<IReadOnlyList<AwsSubnet>> DescribeSubnetsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeSubnets", region, DescribePageSizes.Subnets, r =>
            Select(r.Subnets, Checked(query, "subnet").Ids, Ec2Errors.SubnetNotFound)
                .Where(s => (query.VpcIds is null || query.VpcIds.Contains(s.VpcId)) && TagsMatch(s.Tags, query.Tags))
                .OrderBy(s => s.Sequence).Select(SimViews.Subnet), ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsRouteTable>> DescribeRouteTablesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeRouteTables", region, DescribePageSizes.RouteTables, r =>
            Select(r.RouteTables, Checked(query, "rtb").Ids, Ec2Errors.RouteTableNotFound)
                .Where(t => (query.VpcIds is null || query.VpcIds.Contains(t.VpcId)) && TagsMatch(t.Tags, query.Tags))
                .OrderBy(t => t.Sequence)
                .Select(t => SimViews.RouteTable(t, EventualConsistency.ShownRoutes(t, world.Time.GetUtcNow(), world.Options.PropagationDelay))),
                ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsSecurityGroup>> DescribeSecurityGroupsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeSecurityGroups", region, DescribePageSizes.SecurityGroups, r =>
            Select(r.SecurityGroups, Checked(query, "sg").Ids, Ec2Errors.SecurityGroupNotFound)
                .Where(g => (query.VpcIds is null || query.VpcIds.Contains(g.VpcId)) && TagsMatch(g.Tags, query.Tags)
                            && (query.GroupName is null || g.Name == query.GroupName))
                .OrderBy(g => g.Sequence).Select(SimViews.SecurityGroup), ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsNetworkAcl>> DescribeNetworkAclsAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeNetworkAcls", region, DescribePageSizes.NetworkAcls, r =>
            Select(r.NetworkAcls, Checked(query).Ids, Ec2Errors.NetworkAclNotFound)
                .Where(a => (query.VpcIds is null || query.VpcIds.Contains(a.VpcId)) && TagsMatch(a.Tags, query.Tags))
                .OrderBy(a => a.Sequence).Select(SimViews.NetworkAcl), ct, beforeFurtherPage);

    public Task<IReadOnlyList<AwsNetworkInterface>> DescribeNetworkInterfacesAsync(string region, ResourceQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeNetworkInterfaces", region, DescribePageSizes.NetworkInterfaces, r =>
        {
            var all = SimViews.NetworkInterfaces(r).ToList();
            var byId = all.ToDictionary(n => n.Interface.NetworkInterfaceId, StringComparer.Ordinal);
            return Select(byId, Checked(query).Ids, Ec2Errors.NetworkInterfaceNotFound)
                .Where(n => (query.VpcIds is null || query.VpcIds.Contains(n.Interface.VpcId)) && TagsMatch(n.Tags, query.Tags))
                .Select(n => n.Interface);
        }, ct, beforeFurtherPage);

    public async Task<IReadOnlyList<AwsEndpointService>> DescribeVpcEndpointServicesAsync(string region, IReadOnlyList<string> serviceNames, CancellationToken ct)
    {
        await gate.PassAsync("ec2:DescribeVpcEndpointServices", region, Ec2ActionClass.NonMutating, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            var services = serviceNames.Count == 0
                ? r.Services.Values.OrderBy(s => s.ServiceName, StringComparer.Ordinal).ToList()
                : serviceNames.Distinct().Select(n => r.Services.GetValueOrDefault(n) ?? throw Ec2Errors.ServiceNotFound(n)).ToList();
            // AWS lists a service offered as both Interface and Gateway (s3, dynamodb) twice, once per type.
            return services
                .SelectMany(s => s.Types.OrderBy(t => t == Interface ? 0 : 1).Select(t => SimViews.Service(r, s, t)))
                .ToList();
        }
    }

    public async Task<string?> DescribePrefixListIdAsync(string region, string serviceName, CancellationToken ct)
    {
        await gate.PassAsync("ec2:DescribePrefixLists", region, Ec2ActionClass.NonMutating, ct).ConfigureAwait(false);
        lock (world.Sync)
            return world.RegionLocked(region).Services.GetValueOrDefault(serviceName)?.PrefixListId;
    }

    public Task<IReadOnlyList<AwsEndpoint>> DescribeVpcEndpointsAsync(string region, EndpointQuery query, CancellationToken ct, FurtherPageGate? beforeFurtherPage = null) =>
        DescribePagedAsync("ec2:DescribeVpcEndpoints", region, DescribePageSizes.VpcEndpoints, r =>
            Select(r.Endpoints, Checked(query).EndpointIds, Ec2Errors.EndpointNotFound, Shown)
                .Where(e => (query.VpcIds is null || query.VpcIds.Contains(e.VpcId))
                            && (query.ServiceName is null || e.ServiceName == query.ServiceName)
                            && TagsMatch(e.Tags, query.Tags))
                .OrderBy(e => e.Sequence)
                .Select(e => SimViews.Endpoint(r, e, EventualConsistency.ShownState(e, world.Time.GetUtcNow(), world.Options.PropagationDelay))),
                ct, beforeFurtherPage);

    public async Task<AwsEndpoint> CreateVpcEndpointAsync(string region, CreateEndpointRequest request, CancellationToken ct, BeforeRequest? beforeRequest = null)
    {
        if (beforeRequest is not null) await beforeRequest(ct).ConfigureAwait(false);
        await gate.PassAsync("ec2:CreateVpcEndpoint", region, Ec2ActionClass.Mutating, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            world.AdvanceLifecycles(r);
            var fingerprint = Fingerprint(request);
            if (!Ec2RequestLimits.IsClientToken(request.ClientToken))
                throw Ec2Errors.InvalidParameterValue(
                    $"Value ({request.ClientToken}) for parameter clientToken is invalid. A client token is up to {Ec2RequestLimits.ClientTokenLength} ASCII characters.");
            if (request.ClientToken.Length > 0 && r.ClientTokens.TryGetValue(request.ClientToken, out var expired)
                && expired.Endpoint.State == EndpointStates.Deleted
                && world.Time.GetUtcNow() >= expired.Endpoint.StateSince + world.Options.ClientTokenValidAfterDeletion)
            {
                // Idempotency is not eternal: a token whose endpoint was deleted long enough ago is a new request.
                r.ClientTokens.Remove(request.ClientToken);
            }
            if (request.ClientToken.Length > 0 && r.ClientTokens.TryGetValue(request.ClientToken, out var earlier))
            {
                // The same request again is answered with the endpoint it made; a different one under the same token is refused.
                if (earlier.Fingerprint != fingerprint)
                    throw Ec2Errors.IdempotentParameterMismatch();
                return SimViews.Endpoint(r, earlier.Endpoint);
            }

            var plan = ValidateCreate(r, request);
            var now = world.Time.GetUtcNow();
            var endpoint = new SimEndpoint(world.Ids.Next("vpce"), region, request.VpcId, request.ServiceName, request.Type, world.NextSequence(), now)
            {
                StateAfterPending = plan.Service.Outcome switch
                {
                    EndpointOutcome.PendingAcceptance => "pendingAcceptance",
                    EndpointOutcome.Failed => EndpointStates.Failed,
                    EndpointOutcome.Rejected => EndpointStates.Rejected,
                    _ => EndpointStates.Available,
                },
                PrivateDnsEnabled = plan.PrivateDnsEnabled,
                PolicyDocument = request.PolicyDocument ?? PolicyDocuments.EndpointFullAccess(request.Type),
                DnsSuffix = world.Ids.HexChars(8),
                PrivateHostedZoneId = world.Ids.HostedZoneId(),
            };
            endpoint.RouteTableIds.AddRange(plan.RouteTableIds);
            endpoint.SubnetIds.AddRange(plan.SubnetIds);
            endpoint.SecurityGroupIds.AddRange(plan.SecurityGroupIds);
            foreach (var subnetId in plan.SubnetIds)
                endpoint.NetworkInterfaceBySubnet[subnetId] = world.Ids.Next("eni");
            SimulatedWorld.AddTags(endpoint.Tags, request.Tags);
            foreach (var tableId in plan.RouteTableIds)
                AddGatewayRoute(r.RouteTables[tableId], plan.Service.PrefixListId!, endpoint.Id, now);
            r.Endpoints[endpoint.Id] = endpoint;
            if (request.ClientToken.Length > 0)
                r.ClientTokens[request.ClientToken] = (endpoint, fingerprint);
            return SimViews.Endpoint(r, endpoint);
        }
    }

    public async Task ModifyVpcEndpointAsync(string region, ModifyEndpointRequest request, CancellationToken ct)
    {
        await gate.PassAsync("ec2:ModifyVpcEndpoint", region, Ec2ActionClass.Mutating, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            world.AdvanceLifecycles(r);
            Ec2Ids.Check("vpce", request.VpcEndpointId);
            Ec2Ids.Check("rtb", request.AddRouteTableIds.Concat(request.RemoveRouteTableIds));
            Ec2Ids.Check("subnet", request.AddSubnetIds.Concat(request.RemoveSubnetIds));
            Ec2Ids.Check("sg", request.AddSecurityGroupIds.Concat(request.RemoveSecurityGroupIds));
            var endpoint = ShownEndpoint(r, request.VpcEndpointId) ?? throw Ec2Errors.EndpointNotFound(request.VpcEndpointId);
            if (endpoint.State is EndpointStates.Deleting or EndpointStates.Deleted or EndpointStates.Failed or EndpointStates.Rejected)
                throw Ec2Errors.IncorrectState(endpoint.Id, endpoint.State);
            var service = r.Services.GetValueOrDefault(endpoint.ServiceName) ?? throw Ec2Errors.ServiceNotFound(endpoint.ServiceName);
            var vpc = r.Vpcs[endpoint.VpcId];
            var isGateway = endpoint.Type == Gateway;

            if (request.PolicyDocument is not null && request.ResetPolicy)
                throw new AwsApiException("InvalidParameterCombination", "The parameter PolicyDocument cannot be used with ResetPolicy.");
            if (isGateway && (request.AddSubnetIds.Count + request.RemoveSubnetIds.Count > 0))
                throw Ec2Errors.InvalidParameter("Subnets are not supported for Gateway type VPC Endpoint.");
            if (isGateway && (request.AddSecurityGroupIds.Count + request.RemoveSecurityGroupIds.Count > 0))
                throw Ec2Errors.InvalidParameter("Security groups are not supported for Gateway type VPC Endpoint.");
            if (isGateway && request.PrivateDnsEnabled == true)
                throw Ec2Errors.InvalidParameter("Private DNS is only supported for Interface type VPC Endpoint.");
            if (!isGateway && (request.AddRouteTableIds.Count + request.RemoveRouteTableIds.Count > 0))
                throw Ec2Errors.InvalidParameter("Route tables are not supported for Interface type VPC Endpoint.");
            RefuseOverlap(request.AddRouteTableIds, request.RemoveRouteTableIds);
            RefuseOverlap(request.AddSubnetIds, request.RemoveSubnetIds);
            RefuseOverlap(request.AddSecurityGroupIds, request.RemoveSecurityGroupIds);

            var addTables = request.AddRouteTableIds.Distinct().Where(id => !endpoint.RouteTableIds.Contains(id)).ToList();
            ValidateRouteTables(r, vpc, service, addTables);
            foreach (var id in request.RemoveRouteTableIds)
                if (!endpoint.RouteTableIds.Contains(id))
                    throw Ec2Errors.InvalidParameter($"Route table {id} is not associated with VPC endpoint {endpoint.Id}.");

            foreach (var id in request.RemoveSubnetIds)
                if (!endpoint.SubnetIds.Contains(id))
                    throw Ec2Errors.InvalidParameter($"Subnet {id} is not associated with VPC endpoint {endpoint.Id}.");
            var addSubnets = request.AddSubnetIds.Distinct().Where(id => !endpoint.SubnetIds.Contains(id)).ToList();
            var keptSubnets = endpoint.SubnetIds.Except(request.RemoveSubnetIds).ToList();
            ValidateSubnets(r, vpc, service, keptSubnets.Concat(addSubnets).ToList());

            foreach (var id in request.RemoveSecurityGroupIds)
                if (!endpoint.SecurityGroupIds.Contains(id))
                    throw Ec2Errors.InvalidParameter($"Security group {id} is not associated with VPC endpoint {endpoint.Id}.");
            var addGroups = request.AddSecurityGroupIds.Distinct().Where(id => !endpoint.SecurityGroupIds.Contains(id)).ToList();
            ValidateSecurityGroups(r, vpc, addGroups);
            if (!isGateway && !endpoint.SecurityGroupIds.Except(request.RemoveSecurityGroupIds).Concat(addGroups).Any())
                throw Ec2Errors.InvalidParameter("An Interface type VPC Endpoint must have at least one security group.");

            if (request.PolicyDocument is not null)
                ValidatePolicy(request.PolicyDocument);
            if (request.PrivateDnsEnabled == true && !endpoint.PrivateDnsEnabled)
                ValidatePrivateDns(r, vpc, service, exceptEndpointId: endpoint.Id);

            // Everything is valid: apply it all at once, as AWS does (a refused request changes nothing).
            foreach (var id in request.RemoveRouteTableIds.Distinct())
            {
                endpoint.RouteTableIds.Remove(id);
                RemoveGatewayRoute(r.RouteTables[id], endpoint.Id, world.Time.GetUtcNow());
            }
            foreach (var id in addTables)
            {
                endpoint.RouteTableIds.Add(id);
                AddGatewayRoute(r.RouteTables[id], service.PrefixListId!, endpoint.Id, world.Time.GetUtcNow());
            }
            foreach (var id in request.RemoveSubnetIds.Distinct())
            {
                endpoint.SubnetIds.Remove(id);
                endpoint.NetworkInterfaceBySubnet.Remove(id);
            }
            foreach (var id in addSubnets)
            {
                endpoint.SubnetIds.Add(id);
                endpoint.NetworkInterfaceBySubnet[id] = world.Ids.Next("eni");
            }
            foreach (var id in request.RemoveSecurityGroupIds)
                endpoint.SecurityGroupIds.Remove(id);
            endpoint.SecurityGroupIds.AddRange(addGroups);
            if (request.ResetPolicy)
                endpoint.PolicyDocument = PolicyDocuments.EndpointFullAccess(endpoint.Type);
            else if (request.PolicyDocument is not null)
                endpoint.PolicyDocument = request.PolicyDocument;
            if (request.PrivateDnsEnabled is { } privateDns && !isGateway)
                endpoint.PrivateDnsEnabled = privateDns;
        }
    }

    public async Task<IReadOnlyList<DeleteEndpointFailure>> DeleteVpcEndpointsAsync(string region, IReadOnlyList<string> endpointIds, CancellationToken ct)
    {
        await gate.PassAsync("ec2:DeleteVpcEndpoints", region, Ec2ActionClass.Mutating, ct).ConfigureAwait(false);
        if (endpointIds.Count > Ec2RequestLimits.DeleteVpcEndpointsIds)
            throw Ec2Errors.InvalidParameter(
                $"Maximum number of VPC endpoints to delete was exceeded. You can provide up to {Ec2RequestLimits.DeleteVpcEndpointsIds} VPC endpoints.");
        Ec2Ids.Check("vpce", endpointIds);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            world.AdvanceLifecycles(r);
            var failures = new List<DeleteEndpointFailure>();
            foreach (var id in endpointIds.Distinct())
            {
                if (ShownEndpoint(r, id) is not { } endpoint)
                {
                    // AWS reports unknown ids as Unsuccessful items (with this code, not InvalidVpcEndpointId.NotFound).
                    failures.Add(new DeleteEndpointFailure(id, Ec2Errors.DeleteEndpointNotFoundCode, $"The VPC endpoint '{id}' does not exist"));
                    continue;
                }
                BeginDeletion(r, endpoint, world.Time.GetUtcNow(), propagates: true);
            }
            return failures;
        }
    }

    public async Task CreateTagsAsync(string region, string resourceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        await gate.PassAsync("ec2:CreateTags", region, Ec2ActionClass.Mutating, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            world.AdvanceLifecycles(r);
            var target = TagsOf(r, resourceId);
            ValidateTags(tags);
            if (target.Keys.Union(tags.Keys).Count() > MaxTagsPerResource)
                throw new AwsApiException("TagLimitExceeded", $"The maximum number of tags per resource is {MaxTagsPerResource}.");
            SimulatedWorld.AddTags(target, tags);
        }
    }

    public async Task DeleteTagsAsync(string region, string resourceId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        await gate.PassAsync("ec2:DeleteTags", region, Ec2ActionClass.Mutating, ct).ConfigureAwait(false);
        lock (world.Sync)
        {
            var r = world.RegionLocked(region);
            world.AdvanceLifecycles(r);
            var target = TagsOf(r, resourceId);
            foreach (var key in keys)
                target.Remove(key);
        }
    }

    /// <summary>Starts deleting an endpoint: its gateway routes go at once, its network interfaces when it is deleted.</summary>
    /// <param name="propagates">Made through the API: EC2's reads show it late (<see cref="EventualConsistency"/>). A tamper's
    /// change is shown at once.</param>
    internal static void BeginDeletion(SimRegion region, SimEndpoint endpoint, DateTimeOffset now, bool propagates)
    {
        if (endpoint.State is EndpointStates.Deleting or EndpointStates.Deleted)
            return;
        if (propagates)
        {
            endpoint.DeletionRequestedAt = now;
            endpoint.StateBeforeDeletion = endpoint.State;
        }
        endpoint.State = EndpointStates.Deleting;
        endpoint.StateSince = now;
        foreach (var tableId in endpoint.RouteTableIds)
            if (region.RouteTables.TryGetValue(tableId, out var table))
                RemoveGatewayRoute(table, endpoint.Id, propagates ? now : null);
    }

    /// <param name="now">When the API call added it (DescribeRouteTables shows it a propagation delay later).</param>
    internal static void AddGatewayRoute(SimRouteTable table, string prefixListId, string endpointId, DateTimeOffset now) =>
        table.Routes.Add(new SimRoute(null, prefixListId, endpointId) { AddedAt = now });

    /// <param name="removedAt">When an API call removed it (shown until the removal has propagated); null: gone from reads at once.</param>
    internal static void RemoveGatewayRoute(SimRouteTable table, string endpointId, DateTimeOffset? removedAt)
    {
        foreach (var route in table.Routes.Where(route => route.TargetId == endpointId).ToList())
        {
            table.Routes.Remove(route);
            if (removedAt is { } at)
                table.RemovedRoutes.Add((route, at));
        }
    }

    /// <param name="read">The listing, in its order, lazily: only the page's items are made into views.</param>
    private async Task<IReadOnlyList<T>> DescribePagedAsync<T>(string operation, string region, int awsPageSize, Func<SimRegion, IEnumerable<T>> read,
        CancellationToken ct, FurtherPageGate? beforeFurtherPage)
    {
        // The port returns every page; each further page is another call to AWS, counted and throttled like the first, and
        // requested only once the caller's gate lets it. Each page is read when it is asked for, at its offset into the
        // listing as it is then (a NextToken is a place in the listing, not a copy of it): an item that comes or goes
        // between pages shifts the rest, so a listing can show one item twice or miss one, as a paginated AWS listing can.
        var pageSize = Math.Max(1, world.Options.DescribePageSize ?? awsPageSize);
        var items = new List<T>();
        for (var page = 1; ; page++)
        {
            if (page > 1)
            {
                if (beforeFurtherPage is not null)
                    await beforeFurtherPage(ct).ConfigureAwait(false);
                gate.BetweenPages(operation);
            }
            await gate.PassAsync(operation, region, Ec2ActionClass.NonMutating, ct).ConfigureAwait(false);
            List<T> slice;
            lock (world.Sync)
            {
                var r = world.RegionLocked(region);
                world.AdvanceLifecycles(r);
                // One more than the page says whether another page follows (AWS's NextToken).
                slice = read(r).Skip((page - 1) * pageSize).Take(pageSize + 1).ToList();
            }
            items.AddRange(slice.Take(pageSize));
            if (slice.Count <= pageSize)
                return items;
        }
    }

    /// <summary>The query, when EC2 would take it: at most 200 values in one filter, and (given the kind's prefix) ids of
    /// EC2's shape.</summary>
    private static ResourceQuery Checked(ResourceQuery query, string? idPrefix = null)
    {
        if (query.VpcIds is { Count: > ResourceQuery.MaxFilterValues })
            throw Ec2Errors.FilterLimitExceeded();
        if (idPrefix is not null)
            Ec2Ids.Check(idPrefix, query.Ids);
        return query;
    }

    private static EndpointQuery Checked(EndpointQuery query)
    {
        if (query.VpcIds is { Count: > ResourceQuery.MaxFilterValues })
            throw Ec2Errors.FilterLimitExceeded();
        Ec2Ids.Check("vpce", query.EndpointIds);
        return query;
    }

    /// <summary>The resources named by ids (each must exist, as EC2 requires), or all of them; those a read does not show yet
    /// (<paramref name="shown"/>) are not there for it.</summary>
    private static IEnumerable<T> Select<T>(Dictionary<string, T> all, IReadOnlyList<string>? ids, Func<string, AwsApiException> notFound,
        Func<T, bool>? shown = null)
    {
        if (ids is null)
            return shown is null ? all.Values : all.Values.Where(shown);
        var found = new List<T>();
        foreach (var id in ids.Distinct())
            found.Add(all.TryGetValue(id, out var item) && (shown is null || shown(item)) ? item : throw notFound(id));
        return found;
    }

    /// <summary>Whether EC2's calls know the endpoint yet (<see cref="EventualConsistency.Shows"/>). Callers hold the lock.</summary>
    private bool Shown(SimEndpoint endpoint) => EventualConsistency.Shows(endpoint, world.Time.GetUtcNow(), world.Options.PropagationDelay);

    /// <summary>The endpoint a call names, when EC2 knows it yet; else null (the call answers NotFound).</summary>
    private SimEndpoint? ShownEndpoint(SimRegion r, string id) => r.Endpoints.TryGetValue(id, out var endpoint) && Shown(endpoint) ? endpoint : null;

    private static bool TagsMatch(Dictionary<string, string> tags, IReadOnlyDictionary<string, string>? wanted)
    {
        if (wanted is null or { Count: 0 })
        {
            return true;
        }
        foreach (var (key, value) in wanted)
        {
            if (!tags.TryGetValue(key, out var have) || have != value)
            {
                return false;
            }
        }
        return true;
    }

    private sealed record CreatePlan(SimEndpointService Service, List<string> RouteTableIds, List<string> SubnetIds, List<string> SecurityGroupIds, bool PrivateDnsEnabled);

    private static CreatePlan ValidateCreate(SimRegion r, CreateEndpointRequest request)
    {
        if (request.Type is not (Interface or Gateway or "GatewayLoadBalancer"))
            throw Ec2Errors.InvalidParameterValue($"Value ({request.Type}) for parameter VpcEndpointType is invalid.");
        Ec2Ids.Check("vpc", request.VpcId);
        Ec2Ids.Check("rtb", request.RouteTableIds);
        Ec2Ids.Check("subnet", request.SubnetIds);
        Ec2Ids.Check("sg", request.SecurityGroupIds);
        var vpc = r.Vpcs.GetValueOrDefault(request.VpcId) ?? throw Ec2Errors.VpcNotFound(request.VpcId);
        var service = r.Services.GetValueOrDefault(request.ServiceName) ?? throw Ec2Errors.ServiceNotFound(request.ServiceName);
        if (!service.Types.Contains(request.Type))
            throw Ec2Errors.InvalidParameter($"Endpoint type ({request.Type}) does not match available service types ([{string.Join(", ", service.Types)}]).");

        var tables = request.RouteTableIds.Distinct().ToList();
        var subnets = request.SubnetIds.Distinct().ToList();
        var groups = request.SecurityGroupIds.Distinct().ToList();
        var privateDns = false;
        if (request.Type == Gateway)
        {
            if (subnets.Count > 0)
                throw Ec2Errors.InvalidParameter("Subnets are not supported for Gateway type VPC Endpoint.");
            if (groups.Count > 0)
                throw Ec2Errors.InvalidParameter("Security groups are not supported for Gateway type VPC Endpoint.");
            if (request.PrivateDnsEnabled == true)
                throw Ec2Errors.InvalidParameter("Private DNS is only supported for Interface type VPC Endpoint.");
            ValidateRouteTables(r, vpc, service, tables);
        }
        else
        {
            if (tables.Count > 0)
                throw Ec2Errors.InvalidParameter("Route tables are not supported for Interface type VPC Endpoint.");
            ValidateSubnets(r, vpc, service, subnets);
            ValidateSecurityGroups(r, vpc, groups);
            if (groups.Count == 0)
                // Without groups AWS attaches the VPC's default security group.
                groups.Add(r.SecurityGroups.Values.Single(g => g.VpcId == vpc.Id && g.Name == "default").Id);
            // PrivateDnsEnabled defaults to true for an Interface endpoint of a service that has a private name.
            privateDns = request.PrivateDnsEnabled ?? service.PrivateDnsName is not null;
            if (privateDns)
                ValidatePrivateDns(r, vpc, service, exceptEndpointId: null);
        }
        if (request.PolicyDocument is not null)
            ValidatePolicy(request.PolicyDocument);
        ValidateTags(request.Tags);
        if (request.Tags.Count > MaxTagsPerResource)
            throw new AwsApiException("TagLimitExceeded", $"The maximum number of tags per resource is {MaxTagsPerResource}.");
        return new CreatePlan(service, tables, subnets, groups, privateDns);
    }

    private static void ValidateRouteTables(SimRegion r, SimVpc vpc, SimEndpointService service, IReadOnlyList<string> tableIds)
    {
        foreach (var id in tableIds)
        {
            var table = r.RouteTables.GetValueOrDefault(id) ?? throw Ec2Errors.RouteTableNotFound(id);
            if (table.VpcId != vpc.Id)
                throw Ec2Errors.InvalidParameter($"Route table {id} does not belong to VPC {vpc.Id}.");
            if (table.Routes.Any(route => route.DestinationPrefixListId == service.PrefixListId))
                throw Ec2Errors.RouteAlreadyExists(id, service.PrefixListId!);
        }
    }

    private static void ValidateSubnets(SimRegion r, SimVpc vpc, SimEndpointService service, IReadOnlyList<string> subnetIds)
    {
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in subnetIds)
        {
            var subnet = r.Subnets.GetValueOrDefault(id) ?? throw Ec2Errors.SubnetNotFound(id);
            if (subnet.VpcId != vpc.Id)
                throw Ec2Errors.InvalidParameter($"The subnet ID '{id}' does not belong to VPC '{vpc.Id}'.");
            if (service.AvailabilityZones is { } offered && !offered.Contains(subnet.AvailabilityZone))
                throw Ec2Errors.InvalidParameter($"The VPC endpoint service {service.ServiceName} does not support the availability zone of the subnet: {id}.");
            if (!zones.Add(subnet.AvailabilityZone))
                throw Ec2Errors.DuplicateSubnetsInSameZone(id);
        }
    }

    private static void ValidateSecurityGroups(SimRegion r, SimVpc vpc, IReadOnlyList<string> groupIds)
    {
        foreach (var id in groupIds)
        {
            var group = r.SecurityGroups.GetValueOrDefault(id) ?? throw Ec2Errors.SecurityGroupNotFound(id);
            if (group.VpcId != vpc.Id)
                throw Ec2Errors.InvalidParameter($"Security group {id} and VPC {vpc.Id} belong to different networks.");
        }
    }

    private static void ValidatePrivateDns(SimRegion r, SimVpc vpc, SimEndpointService service, string? exceptEndpointId)
    {
        if (service.PrivateDnsName is null)
            throw Ec2Errors.InvalidParameter($"Private DNS can't be enabled because the service {service.ServiceName} does not provide a private DNS name.");
        if (!vpc.EnableDnsSupport || !vpc.EnableDnsHostnames)
            throw Ec2Errors.InvalidParameter($"Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for {vpc.Id}");
        // A service offered as both Gateway and Interface (S3) gets private DNS only for inbound resolver endpoints unless
        // DnsOptions says otherwise, which the port never sends, and that needs the VPC's Gateway endpoint of the service
        // (terraform-aws-modules/terraform-aws-vpc#982; hashicorp/terraform-provider-aws#33689, #32021).
        if (service.Types.Contains(Gateway) && service.Types.Contains(Interface)
            && !r.Endpoints.Values.Any(e => e.VpcId == vpc.Id && e.ServiceName == service.ServiceName && e.Type == Gateway
                                           && e.State is EndpointStates.Pending or EndpointStates.Available))
            throw Ec2Errors.InvalidParameter($"To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC {vpc.Id} must have a Gateway endpoint for the service.");
        var conflict = r.Endpoints.Values.Any(e => e.Id != exceptEndpointId && e.VpcId == vpc.Id && e.ServiceName == service.ServiceName
            && e.Type == Interface && e.PrivateDnsEnabled
            && e.State is not (EndpointStates.Deleting or EndpointStates.Deleted or EndpointStates.Failed or EndpointStates.Rejected));
        if (conflict)
            throw Ec2Errors.InvalidParameter($"private-dns-enabled cannot be set because there is already a conflicting DNS domain for {service.PrivateDnsName} in the VPC {vpc.Id}");
    }

    private static void ValidatePolicy(string document) => EndpointPolicyGrammar.Validate(document);

    private static void ValidateTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128)
                throw Ec2Errors.InvalidParameterValue($"Tag key '{key}' must be between 1 and 128 characters.");
            if (value.Length > 256)
                throw Ec2Errors.InvalidParameterValue($"Tag value for key '{key}' exceeds the maximum length of 256 characters.");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw Ec2Errors.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }

    private static void RefuseOverlap(IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        var both = add.Intersect(remove).FirstOrDefault();
        if (both is not null)
            throw Ec2Errors.InvalidParameter($"{both} cannot be both added and removed in one request.");
    }

    private Dictionary<string, string> TagsOf(SimRegion r, string resourceId)
    {
        var prefix = resourceId.Split('-')[0];
        if (prefix is "vpce" or "vpc" or "subnet" or "rtb" or "sg")
            Ec2Ids.Check(prefix, resourceId);
        return prefix switch
        {
            "vpce" => (ShownEndpoint(r, resourceId) ?? throw Ec2Errors.EndpointNotFound(resourceId)).Tags,
            "vpc" => (r.Vpcs.GetValueOrDefault(resourceId) ?? throw Ec2Errors.VpcNotFound(resourceId)).Tags,
            "subnet" => (r.Subnets.GetValueOrDefault(resourceId) ?? throw Ec2Errors.SubnetNotFound(resourceId)).Tags,
            "rtb" => (r.RouteTables.GetValueOrDefault(resourceId) ?? throw Ec2Errors.RouteTableNotFound(resourceId)).Tags,
            "sg" => (r.SecurityGroups.GetValueOrDefault(resourceId) ?? throw Ec2Errors.SecurityGroupNotFound(resourceId)).Tags,
            "acl" => (r.NetworkAcls.GetValueOrDefault(resourceId) ?? throw Ec2Errors.NetworkAclNotFound(resourceId)).Tags,
            "eni" => (r.NetworkInterfaces.GetValueOrDefault(resourceId) ?? throw Ec2Errors.NetworkInterfaceNotFound(resourceId)).Tags,
            _ => throw new AwsApiException("InvalidID", $"The ID '{resourceId}' is not valid"),
        };
    }

    /// <summary>What makes two CreateVpcEndpoint requests "the same" for ClientToken idempotency (order of ids does not matter).</summary>
    private static string Fingerprint(CreateEndpointRequest request)
    {
        static string Set(IEnumerable<string> items) => string.Join(",", items.Distinct().Order(StringComparer.Ordinal));
        return string.Join("|",
            request.VpcId, request.ServiceName, request.Type,
            Set(request.RouteTableIds), Set(request.SubnetIds), Set(request.SecurityGroupIds),
            request.PrivateDnsEnabled?.ToString() ?? "-", request.PolicyDocument ?? "-",
            Set(request.Tags.Select(t => $"{t.Key}={t.Value}")));
    }
}
