using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The regional read a resync compares against: per region and window, the endpoints this cluster owns (one
/// DescribeVpcEndpoints filtered by the vpce.io/cluster tag, in pages of 1000), the VPCs, and the route tables, subnets,
/// security groups, network ACLs and (for group-sourced rules) network interfaces of every VPC in use (one Describe each,
/// filtered by all those VPCs: <see cref="VpcScopedCells{T}"/>);
/// per VPC in use, its two DNS attributes (EC2 answers one attribute of one VPC per call). The number of calls grows with pages and VPCs in use, never with
/// objects. Fresh reads by id (before any write) are the reader's; the operator's own writes are recorded here. What only the
/// advisory conditions read (network ACLs, network interfaces, the VPC's other endpoints) is kept for
/// <paramref name="advisoryWindow"/>, by default the window.</summary>
public sealed class EndpointSnapshot(IEc2Api ec2, TimeProvider time, string clusterName, TimeSpan window, TimeSpan? advisoryWindow = null)
{
    private readonly ConcurrentDictionary<string, SnapshotCell<OwnedEndpoints>> _endpoints = new();
    private readonly ConcurrentDictionary<string, SnapshotCell<IReadOnlyList<AwsVpc>>> _vpcs = new();
    private readonly VpcScopedCells<AwsRouteTable> _routeTables = new(
        (region, vpcIds, ct) => ec2.DescribeRouteTablesAsync(region, new ResourceQuery { VpcIds = vpcIds }, ct), t => t.RouteTableId, t => t.VpcId, time, window);
    private readonly VpcScopedCells<AwsSubnet> _subnets = new(
        (region, vpcIds, ct) => ec2.DescribeSubnetsAsync(region, new ResourceQuery { VpcIds = vpcIds }, ct), s => s.SubnetId, s => s.VpcId, time, window);
    private readonly VpcScopedCells<AwsSecurityGroup> _groups = new(
        (region, vpcIds, ct) => ec2.DescribeSecurityGroupsAsync(region, new ResourceQuery { VpcIds = vpcIds }, ct), g => g.GroupId, g => g.VpcId, time, window);
    private readonly VpcScopedCells<AwsNetworkAcl> _networkAcls = new(
        (region, vpcIds, ct) => ec2.DescribeNetworkAclsAsync(region, new ResourceQuery { VpcIds = vpcIds }, ct), a => a.NetworkAclId, a => a.VpcId, time, advisoryWindow ?? window);
    private readonly VpcScopedCells<AwsNetworkInterface> _networkInterfaces = new(
        (region, vpcIds, ct) => ec2.DescribeNetworkInterfacesAsync(region, new ResourceQuery { VpcIds = vpcIds }, ct), n => n.NetworkInterfaceId, n => n.VpcId, time, advisoryWindow ?? window);
    // This cluster's own endpoints are the owned read's, which the one reader of this overlays on it: kept once, not twice.
    private readonly VpcScopedCells<AwsEndpoint> _vpcEndpoints = new(
        async (region, vpcIds, ct) => (IReadOnlyList<AwsEndpoint>)(await ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery { VpcIds = vpcIds }, ct))
            .Where(e => !OwnershipTags.NameCluster(e.Tags, clusterName)).ToList(),
        e => e.VpcEndpointId, e => e.VpcId, time, advisoryWindow ?? window);
    private readonly ConcurrentDictionary<(string Region, string VpcId), SnapshotCell<VpcDnsAttributes>> _dns = new();
    private readonly ConcurrentDictionary<(string Region, string VpcId), SnapshotCell<IReadOnlyList<AwsVpc>>> _vpcsById = new();

    /// <summary>The endpoints carrying this cluster's ownership tag, by id.</summary>
    public async ValueTask<ImmutableDictionary<string, AwsEndpoint>> OwnedEndpointsAsync(string region, CancellationToken ct) =>
        (await OwnedAsync(region, ct)).ById;

    /// <summary>The endpoints of one VPC that carry this cluster's ownership tag, ordered by id.</summary>
    public async ValueTask<VpcEndpointSet> OwnedInVpcAsync(string region, string vpcId, CancellationToken ct) =>
        (await OwnedAsync(region, ct)).InVpc(vpcId);

    // Every reconcile reads these: while the window holds, no fetch is set up for the answer.
    private ValueTask<OwnedEndpoints> OwnedAsync(string region, CancellationToken ct)
    {
        var cell = Cell(_endpoints, region);
        var now = time.GetUtcNow();
        return cell.TryGetFresh(now, window, out var owned)
            ? new(owned)
            : new(cell.GetAsync(async () => OwnedEndpoints.Of(await ec2.DescribeVpcEndpointsAsync(region,
                new EndpointQuery { Tags = new Dictionary<string, string> { [OwnershipTags.Cluster] = clusterName } }, ct)), now, window));
    }

    public ValueTask<IReadOnlyList<AwsVpc>> VpcsAsync(string region, CancellationToken ct)
    {
        var cell = Cell(_vpcs, region);
        var now = time.GetUtcNow();
        return cell.TryGetFresh(now, window, out var vpcs)
            ? new(vpcs)
            : new(cell.GetAsync(async () => PagedListing.EachOnce(await ec2.DescribeVpcsAsync(region, new ResourceQuery(), ct), v => v.VpcId), now, window));
    }

    /// <summary>A VPC the regional read does not show, read by id (one made since, or a NotFound that names it): once per
    /// VPC and window, however many objects name it, so objects that name a missing VPC cost one call per window between
    /// them instead of one each. Empty when AWS says there is no such VPC.</summary>
    public Task<IReadOnlyList<AwsVpc>> VpcByIdAsync(string region, string vpcId, CancellationToken ct) =>
        Cell(_vpcsById, (region, vpcId)).GetAsync(async () =>
        {
            try
            {
                return await ec2.DescribeVpcsAsync(region, new ResourceQuery { Ids = [vpcId] }, ct);
            }
            catch (AwsApiException e) when (e.IsNotFound)
            {
                return [];
            }
        }, time.GetUtcNow(), window);

    public ValueTask<IReadOnlyList<AwsRouteTable>> RouteTablesAsync(string region, string vpcId, CancellationToken ct) =>
        _routeTables.GetAsync(region, vpcId, ct);

    public ValueTask<IReadOnlyList<AwsSubnet>> SubnetsAsync(string region, string vpcId, CancellationToken ct) =>
        _subnets.GetAsync(region, vpcId, ct);

    public ValueTask<IReadOnlyList<AwsSecurityGroup>> SecurityGroupsAsync(string region, string vpcId, CancellationToken ct) =>
        _groups.GetAsync(region, vpcId, ct);

    public ValueTask<IReadOnlyList<AwsNetworkAcl>> NetworkAclsAsync(string region, string vpcId, CancellationToken ct) =>
        _networkAcls.GetAsync(region, vpcId, ct);

    /// <summary>Asked for only by endpoints whose security groups admit 443 from a group: a VPC nobody asks about is not read.</summary>
    public ValueTask<IReadOnlyList<AwsNetworkInterface>> NetworkInterfacesAsync(string region, string vpcId, CancellationToken ct) =>
        _networkInterfaces.GetAsync(region, vpcId, ct);

    /// <summary>The VPC's endpoints that are not this cluster's (for the companion check, with <see cref="OwnedEndpointsAsync"/>
    /// for the cluster's own): one DescribeVpcEndpoints per region and window for all VPCs in use, like route tables.</summary>
    public ValueTask<IReadOnlyList<AwsEndpoint>> VpcEndpointsAsync(string region, string vpcId, CancellationToken ct) =>
        _vpcEndpoints.GetAsync(region, vpcId, ct);

    public ValueTask<VpcDnsAttributes> DnsAttributesAsync(string region, string vpcId, CancellationToken ct)
    {
        var cell = Cell(_dns, (region, vpcId));
        var now = time.GetUtcNow();
        return cell.TryGetFresh(now, window, out var dns) ? new(dns) : new(cell.GetAsync(() => ec2.DescribeVpcDnsAttributesAsync(region, vpcId, ct), now, window));
    }

    /// <summary>An endpoint as the operator just read or made it: the snapshot shows it so until the next regional read.</summary>
    public void Record(string region, AwsEndpoint endpoint) =>
        Cell(_endpoints, region).Update(all => all.With(endpoint));

    public void Forget(string region, string endpointId) =>
        Cell(_endpoints, region).Update(all => all.Without(endpointId));

    /// <summary>A VPC's route tables as just read (routes change with the operator's own association changes).</summary>
    public void RecordRouteTables(string region, string vpcId, IReadOnlyList<AwsRouteTable> tables) =>
        _routeTables.Record(region, vpcId, tables);

    /// <summary>The operator changed a VPC's route tables (an association, and so a route): the next read fetches them
    /// again. A null VPC (an endpoint the snapshot does not show, being adopted) drops every VPC of the region.</summary>
    public void InvalidateRouteTables(string region, string? vpcId)
    {
        if (vpcId is null)
        {
            _routeTables.EvictRegion(region);
        }
        else
        {
            _routeTables.Invalidate(region, vpcId);
        }
    }

    /// <summary>The VPC of an endpoint the snapshot shows (this cluster's own), else null.</summary>
    public string? VpcOf(string region, string endpointId) =>
        _endpoints.TryGetValue(region, out var cell) && cell.Peek() is { } all && all.ById.TryGetValue(endpointId, out var endpoint) ? endpoint.VpcId : null;

    /// <summary>Drops everything kept for the region (its last object left).</summary>
    public void EvictRegion(string region)
    {
        _endpoints.TryRemove(region, out _);
        _vpcs.TryRemove(region, out _);
        _routeTables.EvictRegion(region);
        _subnets.EvictRegion(region);
        _groups.EvictRegion(region);
        _networkAcls.EvictRegion(region);
        _networkInterfaces.EvictRegion(region);
        _vpcEndpoints.EvictRegion(region);
        EvictRegion(_dns, region);
        EvictRegion(_vpcsById, region);
    }

    private static void EvictRegion<T>(ConcurrentDictionary<(string Region, string VpcId), SnapshotCell<T>> cells, string region) where T : class
    {
        foreach (var key in cells.Keys.Where(k => k.Region == region).ToList())
        {
            cells.TryRemove(key, out _);
        }
    }

    private static SnapshotCell<T> Cell<TKey, T>(ConcurrentDictionary<TKey, SnapshotCell<T>> cells, TKey key) where TKey : notnull where T : class =>
        cells.GetOrAdd(key, _ => new SnapshotCell<T>());
}
