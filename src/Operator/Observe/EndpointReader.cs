using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Reads the endpoint a VpcEndpoint is about on AWS, and what its checks need beside it. Never mutates.</summary>
public sealed class EndpointReader(IEc2Api ec2, RegionCatalog catalog, ReconcileSettings settings)
{
    public async Task<EndpointReading> ReadAsync(VpcEndpoint resource, DesiredEndpoint desired, CancellationToken ct)
    {
        var region = desired.Region;
        var (actual, foundBy, problem) = await FindAsync(resource, region, ct);
        if (problem is not null)
        {
            return new EndpointReading { Problem = problem };
        }
        var reading = new EndpointReading { Actual = actual, FoundBy = foundBy };
        if (!desired.IsGateway)
        {
            // The interface checks look at what the spec asks for, so they explain a create or modify AWS refuses.
            var dns = desired.PrivateDnsEnabled == true ? await ec2.DescribeVpcDnsAttributesAsync(region, desired.VpcId, ct) : null;
            var groups = await ec2.DescribeSecurityGroupsAsync(region, new ResourceQuery { Ids = desired.SecurityGroupIds }, ct);
            return reading with { VpcDns = dns, EndpointSecurityGroups = groups };
        }
        if (actual is null || actual.VpcId != desired.VpcId)
        {
            return reading;
        }
        var prefixListId = await catalog.GetPrefixListIdAsync(region, desired.ServiceName, ct);
        var associated = actual.RouteTableIds.Count == 0
            ? []
            : (await ec2.DescribeRouteTablesAsync(region, new ResourceQuery { VpcId = desired.VpcId }, ct))
                .Where(t => actual.RouteTableIds.Contains(t.RouteTableId)).ToList();
        return reading with { PrefixListId = prefixListId, AssociatedRouteTables = associated };
    }

    /// <summary>The service's prefix list in the region (cached for hours).</summary>
    public Task<string?> PrefixListIdAsync(string region, string serviceName, CancellationToken ct) =>
        catalog.GetPrefixListIdAsync(region, serviceName, ct);

    /// <summary>The endpoint to delete with the object: its status endpoint, unless another object's tags now claim it, or one
    /// whose ownership tags name this very object (made by a run that crashed before its status write). Never spec.endpointId
    /// alone: an object whose adoption never succeeded has nothing on AWS to delete.</summary>
    public async Task<(AwsEndpoint? Endpoint, EndpointOwner? ClaimedBy)> FindForDeletionAsync(VpcEndpoint resource, string region, CancellationToken ct)
    {
        if (resource.Status?.EndpointId is { } id)
        {
            var known = await DescribeByIdAsync(region, id, ct);
            if (known is not null && EndpointIdentityCheck.ForeignOwner(known.Tags, settings.OwnerOf(resource)) is { } other)
            {
                return (null, other);
            }
            if (known is not null && known.State != EndpointStates.Deleted)
            {
                return (known, null);
            }
        }
        return (await FindOwnedAsync(resource, region, includeDeleting: true, ct), null);
    }

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

    private async Task<(AwsEndpoint? Actual, string? FoundBy, ObserveProblem? Problem)> FindAsync(
        VpcEndpoint resource, string region, CancellationToken ct)
    {
        var status = resource.Status;
        var statusId = status?.EndpointId is { } recorded && (status.Region is null || status.Region == region) ? recorded : null;
        if (resource.Spec.EndpointId is { } adoptId)
        {
            var adopted = await DescribeByIdAsync(region, adoptId, ct);
            return adopted is null
                ? (null, null, new(ObserveReasons.NotFound, "spec.endpointId", $"endpoint {adoptId} does not exist in {region}"))
                : (adopted, FoundBy.Adopted, null);
        }
        if (statusId is not null)
        {
            var known = await DescribeByIdAsync(region, statusId, ct);
            if (known is not null && known.State != EndpointStates.Deleted)
            {
                return (known, FoundBy.Status, null);
            }
        }
        var owned = await FindOwnedAsync(resource, region, includeDeleting: false, ct);
        return (owned, owned is null ? null : FoundBy.OwnershipTags, null);
    }

    // Before ever creating: an endpoint with this object's ownership tags (made by a run that crashed before its status write).
    private async Task<AwsEndpoint?> FindOwnedAsync(VpcEndpoint resource, string region, bool includeDeleting, CancellationToken ct) =>
        (await ec2.DescribeVpcEndpointsAsync(region, new EndpointQuery { Tags = OwnershipTags.For(settings.OwnerOf(resource)) }, ct))
            .Where(e => e.State != EndpointStates.Deleted && (includeDeleting || e.State != EndpointStates.Deleting))
            .OrderBy(e => e.CreationTimestamp ?? DateTimeOffset.MaxValue).ThenBy(e => e.VpcEndpointId, StringComparer.Ordinal)
            .FirstOrDefault();
}
