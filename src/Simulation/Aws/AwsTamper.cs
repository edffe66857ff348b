using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// Changes made behind the operator's back (someone in the console, another tool), for drift demos and tests.
/// They make no API calls and skip AWS's validation, except that the resources named must exist. EC2's reads show them at
/// once, whatever the simulator's propagation delay (that delay is the API's own writes reaching its reads).
/// </summary>
public sealed class AwsTamper
{
    private readonly SimulatedWorld _world;

    internal AwsTamper(SimulatedWorld world) => _world = world;

    /// <summary>Disassociates a route table from a Gateway endpoint, removing the endpoint's route from it.</summary>
    public void RemoveRouteTable(string endpointId, string routeTableId) => WithEndpoint(endpointId, (region, endpoint) =>
    {
        if (!endpoint.RouteTableIds.Remove(routeTableId))
            throw new InvalidOperationException($"{routeTableId} is not associated with {endpointId}.");
        if (region.RouteTables.TryGetValue(routeTableId, out var table))
            SimulatedEc2.RemoveGatewayRoute(table, endpointId, removedAt: null);
    });

    /// <summary>Removes a subnet (and its network interface) from an Interface endpoint.</summary>
    public void RemoveSubnet(string endpointId, string subnetId) => WithEndpoint(endpointId, (_, endpoint) =>
    {
        if (!endpoint.SubnetIds.Remove(subnetId))
            throw new InvalidOperationException($"{subnetId} is not associated with {endpointId}.");
        endpoint.NetworkInterfaceBySubnet.Remove(subnetId);
    });

    /// <summary>Attaches another subnet (and a new network interface) to an Interface endpoint.</summary>
    public void AddSubnet(string endpointId, string subnetId) => WithEndpoint(endpointId, (region, endpoint) =>
    {
        if (!region.Subnets.ContainsKey(subnetId))
            throw Ec2Errors.SubnetNotFound(subnetId);
        endpoint.SubnetIds.Add(subnetId);
        endpoint.NetworkInterfaceBySubnet[subnetId] = _world.Ids.Next("eni");
    });

    /// <summary>Replaces an Interface endpoint's security groups.</summary>
    public void SetSecurityGroups(string endpointId, IReadOnlyList<string> securityGroupIds) => WithEndpoint(endpointId, (_, endpoint) =>
    {
        endpoint.SecurityGroupIds.Clear();
        endpoint.SecurityGroupIds.AddRange(securityGroupIds);
    });

    /// <summary>Sets an endpoint's policy document (null: AWS's full-access default).</summary>
    public void SetPolicy(string endpointId, string? policyDocument) => WithEndpoint(endpointId, (_, endpoint) =>
        endpoint.PolicyDocument = policyDocument ?? PolicyDocuments.EndpointFullAccess(endpoint.Type));

    public void SetPrivateDns(string endpointId, bool enabled) => WithEndpoint(endpointId, (_, endpoint) =>
        endpoint.PrivateDnsEnabled = enabled);

    /// <summary>Sets or removes (null value) one tag of an endpoint.</summary>
    public void SetTag(string endpointId, string key, string? value) => WithEndpoint(endpointId, (_, endpoint) =>
    {
        if (value is null)
            endpoint.Tags.Remove(key);
        else
            endpoint.Tags[key] = value;
    });

    /// <summary>Forces an endpoint into a state (e.g. failed, rejected, available), from now on.</summary>
    public void SetState(string endpointId, string state) => WithEndpoint(endpointId, (_, endpoint) =>
    {
        endpoint.State = state;
        endpoint.StateSince = _world.Time.GetUtcNow();
    });

    /// <summary>Deletes an endpoint as DeleteVpcEndpoints would (deleting, then deleted, then gone).</summary>
    public void DeleteEndpoint(string endpointId) => WithEndpoint(endpointId, (region, endpoint) =>
        SimulatedEc2.BeginDeletion(region, endpoint, _world.Time.GetUtcNow(), propagates: false));

    /// <summary>Makes an endpoint vanish at once, routes and all: Describe no longer knows it.</summary>
    public void PurgeEndpoint(string endpointId) => WithEndpoint(endpointId, (region, endpoint) =>
    {
        foreach (var tableId in endpoint.RouteTableIds)
            if (region.RouteTables.TryGetValue(tableId, out var table))
                SimulatedEc2.RemoveGatewayRoute(table, endpointId, removedAt: null);
        region.Endpoints.Remove(endpointId);
    });

    /// <summary>Deletes routes from a route table: those to a CIDR, to a prefix list (pl-…) or through a gateway or endpoint id.</summary>
    public int DeleteRoutes(string routeTableId, string destinationOrTarget)
    {
        lock (_world.Sync)
        {
            var table = _world.RegionOfRouteTable(routeTableId).RouteTables[routeTableId];
            return table.Routes.RemoveAll(r => r.DestinationCidrBlock == destinationOrTarget || r.DestinationPrefixListId == destinationOrTarget
                                               || r.TargetId == destinationOrTarget);
        }
    }

    /// <summary>Sets (or with null removes) a bucket's policy without S3's checks, kept as S3 keeps what it takes (a text
    /// that is not a policy at all is kept as it is).</summary>
    public void SetBucketPolicy(string bucket, string? policy)
    {
        lock (_world.Sync)
        {
            var target = _world.Buckets.GetValueOrDefault(bucket)
                ?? throw new AwsApiException(AwsErrorCodes.NoSuchBucket, "The specified bucket does not exist", 404);
            target.Policy = policy is null ? null : BucketPolicyDocuments.Store(policy, _world.Iam);
        }
    }

    private void WithEndpoint(string endpointId, Action<SimRegion, SimEndpoint> change)
    {
        lock (_world.Sync)
        {
            var region = _world.RegionOfEndpoint(endpointId);
            _world.AdvanceLifecycles(region);
            var endpoint = region.Endpoints.GetValueOrDefault(endpointId) ?? throw Ec2Errors.EndpointNotFound(endpointId);
            change(region, endpoint);
        }
    }
}
