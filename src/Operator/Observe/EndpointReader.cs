using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads the endpoint a VpcEndpoint is about, and what its checks need beside it, from the regional snapshot; reads
/// fresh by id what the snapshot cannot answer for sure (an endpoint it does not show, or one AWS is still working on), and
/// on <see cref="RefreshAsync"/> before anything is written. Never mutates.</summary>
public sealed class EndpointReader(IEc2Api ec2, RegionCatalog catalog, EndpointSnapshot snapshot, ReconcileSettings settings)
{
    // What each reconcile picks out of a VPC's read, picked once per read: the endpoint's groups, whether they admit 443
    // from a group, the subnet ids.
    private static readonly SnapshotMemo<IReadOnlyList<AwsSecurityGroup>, IdsKey, IReadOnlyList<AwsSecurityGroup>> GroupsOf = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSecurityGroup>, bool, bool> NeedsInterfaces = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSubnet>, bool, IReadOnlyList<string>> SubnetIdsOf = new();

    public async Task<EndpointReading> ReadAsync(VpcEndpoint resource, DesiredEndpoint desired, CancellationToken ct)
    {
        var (actual, foundBy, fresh, problem) = await FindAsync(resource, desired.Region, ct);
        if (problem is not null)
        {
            return new EndpointReading { Problem = problem };
        }
        return await ReadBesideAsync(desired, new EndpointReading { Actual = actual, FoundBy = foundBy, Fresh = fresh }, freshRouteTables: false, ct);
    }

    /// <summary>The same reading, fresh from AWS: the endpoint by id and (gateway) its VPC's route tables. Called before
    /// any write, and when the spec changed, so no change is ever based on a stale snapshot.</summary>
    public async Task<EndpointReading> RefreshAsync(DesiredEndpoint desired, EndpointReading reading, CancellationToken ct)
    {
        if (reading.Fresh || reading.Actual is not { } known)
        {
            return reading;
        }
        var actual = await DescribeByIdAsync(desired.Region, known.VpcEndpointId, ct);
        if (actual is null || actual.State == EndpointStates.Deleted)
        {
            return reading with { Actual = null, FoundBy = null, Fresh = true, AssociatedRouteTables = [] };
        }
        return await ReadBesideAsync(desired, reading with { Actual = actual, Fresh = true }, freshRouteTables: true, ct);
    }

    /// <summary>The service's prefix list in the region (cached for hours).</summary>
    public Task<string?> PrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        catalog.GetPrefixListIdAsync(region, serviceName, ct);

    /// <summary>The endpoints to delete with the object, not deleted yet: its status endpoint, unless another object's tags now
    /// claim it, and every endpoint whose ownership tags name this very object (made by a run that crashed before its status
    /// write, or left beside it by an older version). Never spec.endpointId alone: an object whose adoption never succeeded
    /// has nothing on AWS to delete. Always fresh; the status endpoint first, then the oldest.</summary>
    public async Task<(IReadOnlyList<AwsEndpoint> Endpoints, EndpointOwner? ClaimedBy)> FindForDeletionAsync(VpcEndpoint resource, string region, CancellationToken ct)
    {
        var found = new List<AwsEndpoint>();
        if (resource.Status?.EndpointId is { } id)
        {
            var known = await DescribeByIdAsync(region, id, ct);
            if (known is not null && OwnershipTags.ForeignOwner(known.Tags, settings.OwnerOf(resource)) is { } other)
            {
                return ([], other);
            }
            if (known is not null && known.State != EndpointStates.Deleted)
            {
                found.Add(known);
            }
        }
        foreach (var owned in await OwnedFreshAsync(resource, region, includeDeleting: true, ct))
        {
            if (!found.Exists(e => e.VpcEndpointId == owned.VpcEndpointId))
            {
                found.Add(owned);
            }
        }
        return (found, null);
    }

    /// <summary>The endpoint, or null when AWS no longer knows it. Fresh (the write-through port tells the snapshot).</summary>
    public async Task<AwsEndpoint?> DescribeByIdAsync(string region, string id, CancellationToken ct)
    {
        try
        {
            return (await ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery { EndpointIds = [id] }, ct)).FirstOrDefault(e => e.VpcEndpointId == id);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async ValueTask<EndpointReading> ReadBesideAsync(DesiredEndpoint desired, EndpointReading reading, bool freshRouteTables, CancellationToken ct)
    {
        var region = desired.Region;
        var actual = reading.Actual;
        if (!desired.IsGateway)
        {
            // The interface checks look at what the spec asks for, so they explain a create or modify AWS refuses.
            var dns = desired.PrivateDnsEnabled == true ? await snapshot.DnsAttributesAsync(region, desired.VpcId, ct) : null;
            var groups = GroupsOf.Get(await snapshot.SecurityGroupsAsync(region, desired.VpcId, ct), new IdsKey(desired.SecurityGroupIds),
                static (all, wanted) => all.Where(g => wanted.Ids.Contains(g.GroupId)).ToList());
            var acls = desired.SubnetIds.Count > 0 ? await snapshot.NetworkAclsAsync(region, desired.VpcId, ct) : [];
            var interfaces = NeedsInterfaces.Get(groups, true, static (g, _) => HttpsAdmission.NeedsInterfaces(g))
                ? await snapshot.NetworkInterfacesAsync(region, desired.VpcId, ct) : null;
            return reading with { VpcDns = dns, EndpointSecurityGroups = groups, VpcNetworkAcls = acls, VpcNetworkInterfaces = interfaces };
        }
        // RoutesCovered looks at the VPC's route tables whether or not the endpoint exists yet.
        var prefixListId = await catalog.GetPrefixListIdAsync(region, desired.ServiceName, ct);
        IReadOnlyList<AwsRouteTable> tables;
        if (freshRouteTables)
        {
            tables = await ec2.DescribeRouteTablesAsync(region, new ResourceQuery { VpcIds = [desired.VpcId] }, ct);
        }
        else
        {
            tables = await snapshot.RouteTablesAsync(region, desired.VpcId, ct);
        }
        var subnets = SubnetIdsOf.Get(await snapshot.SubnetsAsync(region, desired.VpcId, ct), true, static (all, _) => all.Select(s => s.SubnetId).ToList());
        var associated = actual is null || actual.VpcId != desired.VpcId ? []
            : Associated(tables, actual.RouteTableIds);
        return reading with { PrefixListId = prefixListId, AssociatedRouteTables = associated, VpcRouteTables = tables, VpcSubnetIds = subnets };
    }

    // The endpoint's tables among the VPC's, in the VPC's order; a loop, as every gateway reconcile asks.
    private static IReadOnlyList<AwsRouteTable> Associated(IReadOnlyList<AwsRouteTable> tables, IReadOnlyList<string> ids)
    {
        List<AwsRouteTable>? associated = null;
        for (var i = 0; i < tables.Count; i++)
        {
            for (var j = 0; j < ids.Count; j++)
            {
                if (ids[j] == tables[i].RouteTableId)
                {
                    (associated ??= []).Add(tables[i]);
                    break;
                }
            }
        }
        return associated ?? (IReadOnlyList<AwsRouteTable>)[];
    }

    /// <summary>The operator just changed the endpoint's route tables, and AWS their routes with them: the write-through port
    /// dropped the VPC's tables from the snapshot, so they are read again now (and kept for the window), and the status
    /// tells the routes as they are. A read that fails, or that does not show <paramref name="endpointId"/>'s routes in the
    /// spec's tables yet (EC2 is eventually consistent), leaves the route check as it was rather than fail the write that
    /// succeeded or warn about routes AWS is still adding.</summary>
    public async Task<EndpointReading> AfterRouteChangeAsync(DesiredEndpoint desired, EndpointReading reading, string endpointId, CancellationToken ct)
    {
        try
        {
            var tables = await snapshot.RouteTablesAsync(desired.Region, desired.VpcId, ct);
            var shown = reading.PrefixListId is not { } prefixList || tables
                .Where(t => desired.RouteTableIds.Contains(t.RouteTableId))
                .All(t => t.Routes.Any(r => r.DestinationPrefixListId == prefixList && r.GatewayId == endpointId));
            return reading with { VpcRouteTables = shown ? tables : null };
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            return reading with { VpcRouteTables = null };
        }
    }

    private async ValueTask<(AwsEndpoint? Actual, string? FoundBy, bool Fresh, ObserveProblem? Problem)> FindAsync(
        VpcEndpoint resource, string region, CancellationToken ct)
    {
        if (resource.Spec.EndpointId is { } adoptId)
        {
            AwsEndpoint? adopted;
            bool adoptedFresh;
            try
            {
                (adopted, adoptedFresh) = await KnownAsync(region, adoptId, ct);
            }
            catch (AwsApiException e) when (e.IsMalformed)
            {
                return (null, null, true, EndpointReferenceResolver.Malformed("spec.endpointId", e));
            }
            return adopted is null
                ? (null, null, true, new(ObserveReasons.NotFound, "spec.endpointId", $"endpoint {adoptId} does not exist in {region}"))
                : (adopted, FoundBy.Adopted, adoptedFresh, null);
        }
        var status = resource.Status;
        // After a create of ours that no read has shown yet, only AWS's reads say whether it shows now: the snapshot holds
        // the create's own answer, which is no read.
        var unconfirmedCreate = status?.UnconfirmedCall?.Action == UnconfirmedCall.CreateVpcEndpoint;
        if (status?.EndpointId is { } statusId && (status.Region is null || status.Region == region))
        {
            var (known, knownFresh) = unconfirmedCreate ? (await DescribeByIdAsync(region, statusId, ct), true) : await KnownAsync(region, statusId, ct);
            if (known is not null && known.State != EndpointStates.Deleted)
            {
                return (known, FoundBy.Status, knownFresh, null);
            }
        }
        if (unconfirmedCreate)
        {
            // A create of ours (this run's or a crashed one's: the claim is written before the call) may have made an
            // endpoint no read has shown yet: only AWS itself says.
            var made = await FindOwnedFreshAsync(resource, region, includeDeleting: false, ct);
            return (made, made is null ? null : FoundBy.OwnershipTags, true, null);
        }
        // No create of ours is unconfirmed: every endpoint the object owns was made before the snapshot's read of this
        // window or recorded in it by our own write, so the snapshot answers without a read per object. A read per object
        // here would spend the region's describe budget on every new object before its create's turn, and the reconciles
        // of every other account and region would queue behind those reads.
        var owned = (await snapshot.OwnedEndpointsAsync(region, ct)).Values
            .Where(e => e.Tags.TryGetValue(OwnershipTags.Namespace, out var ns) && ns == resource.Metadata.Namespace
                && e.Tags.TryGetValue(OwnershipTags.Name, out var name) && name == resource.Metadata.Name)
            .Where(e => e.State is not EndpointStates.Deleted and not EndpointStates.Deleting)
            .OrderBy(e => e.CreationTimestamp ?? DateTimeOffset.MaxValue).ThenBy(e => e.VpcEndpointId, StringComparer.Ordinal)
            .FirstOrDefault();
        return (owned, owned is null ? null : FoundBy.OwnershipTags, false, null);
    }

    /// <summary>An endpoint by id: from the snapshot when it shows it settled, else read fresh (not in it: new, adopted,
    /// or gone; pending or deleting: changing under us).</summary>
    private async ValueTask<(AwsEndpoint? Endpoint, bool Fresh)> KnownAsync(string region, string id, CancellationToken ct)
    {
        if ((await snapshot.OwnedEndpointsAsync(region, ct)).TryGetValue(id, out var seen)
            && seen.State is not (EndpointStates.Pending or EndpointStates.Deleting))
        {
            return (seen, false);
        }
        return (await DescribeByIdAsync(region, id, ct), true);
    }

    private async Task<AwsEndpoint?> FindOwnedFreshAsync(VpcEndpoint resource, string region, bool includeDeleting, CancellationToken ct) =>
        (await OwnedFreshAsync(resource, region, includeDeleting, ct)).FirstOrDefault();

    /// <summary>The endpoints whose ownership tags name the object, oldest first, each once.</summary>
    private async Task<IReadOnlyList<AwsEndpoint>> OwnedFreshAsync(VpcEndpoint resource, string region, bool includeDeleting, CancellationToken ct) =>
        PagedListing.EachOnce(await ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery { Tags = OwnershipTags.For(settings.OwnerOf(resource)) }, ct),
                e => e.VpcEndpointId)
            .Where(e => e.State != EndpointStates.Deleted && (includeDeleting || e.State != EndpointStates.Deleting))
            .OrderBy(e => e.CreationTimestamp ?? DateTimeOffset.MaxValue).ThenBy(e => e.VpcEndpointId, StringComparer.Ordinal)
            .ToList();
}
