using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Spec plus resolved lookups → the desired endpoint. Pure: every default is decided here.</summary>
public static class EndpointModel
{
    public static DesiredEndpoint Build(VpcEndpoint resource, ReconcileSettings settings, ResolvedNetwork network)
    {
        var spec = resource.Spec;
        var isGateway = network.Type == EndpointTypes.Gateway;
        var (subnets, skipped) = isGateway ? ([], []) : ChooseSubnets(network.Subnets, network.ServiceZones);

        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Tags ?? [])
        {
            tags[key] = value;
        }
        tags[OwnershipTags.Cluster] = settings.ClusterName;
        tags[OwnershipTags.Namespace] = resource.Metadata.Namespace ?? "";
        tags[OwnershipTags.Name] = resource.Metadata.Name;

        return new DesiredEndpoint
        {
            Region = network.Region,
            VpcId = network.VpcId,
            ServiceName = network.ServiceName,
            Type = network.Type,
            RouteTableIds = isGateway ? Sorted(network.RouteTableIds) : [],
            SubnetIds = subnets,
            SkippedSubnets = skipped,
            SecurityGroupIds = isGateway ? [] : Sorted(network.SecurityGroupIds),
            RouteSubnetIds = isGateway ? Sorted(network.Subnets.Select(s => s.SubnetId)) : [],
            PrivateDnsEnabled = isGateway ? null : spec.PrivateDnsEnabled ?? true,
            PolicyDocument = spec.PolicyDocument,
            Tags = tags,
            Additive = spec.AssociationMode == AssociationModes.Additive,
            CorrectDrift = spec.DriftPolicy != DriftPolicies.Report,
            ClientToken = ClientTokens.ForObject(resource.Metadata.Uid ?? $"{resource.Metadata.Namespace}/{resource.Metadata.Name}", resource.Status?.EndpointId),
        };
    }

    /// <summary>AWS allows one subnet per zone: explicit ids win over selector results, then the lowest id.
    /// Subnets in zones the service is not offered in are skipped too.</summary>
    public static (IReadOnlyList<string> Chosen, IReadOnlyList<SkippedSubnet> Skipped) ChooseSubnets(
        IReadOnlyList<ResolvedSubnet> subnets, IReadOnlyList<string> serviceZones)
    {
        var chosen = new List<string>();
        var skipped = new List<SkippedSubnet>();
        var candidates = subnets
            .GroupBy(s => s.SubnetId).Select(g => g.OrderByDescending(s => s.Explicit).First())
            .OrderByDescending(s => s.Explicit).ThenBy(s => s.SubnetId, StringComparer.Ordinal);
        var byZone = new Dictionary<string, string>();
        foreach (var subnet in candidates)
        {
            if (serviceZones.Count > 0 && !serviceZones.Contains(subnet.AvailabilityZone))
            {
                skipped.Add(new(subnet.SubnetId, $"the service is not offered in {subnet.AvailabilityZone}"));
            }
            else if (byZone.TryGetValue(subnet.AvailabilityZone, out var first))
            {
                skipped.Add(new(subnet.SubnetId, $"{subnet.AvailabilityZone} already has {first}"));
            }
            else
            {
                byZone[subnet.AvailabilityZone] = subnet.SubnetId;
                chosen.Add(subnet.SubnetId);
            }
        }
        return (Sorted(chosen), skipped.OrderBy(s => s.SubnetId, StringComparer.Ordinal).ToList());
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
