using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Spec plus resolved lookups → the desired endpoint. Pure: every default is decided here.</summary>
public static class EndpointModel
{
    /// <summary>spec.region, else the operator's --region; null when neither is set.</summary>
    public static string? Region(VpcEndpointSpec spec, ReconcileSettings settings) =>
        string.IsNullOrWhiteSpace(spec.Region) ? settings.DefaultRegion : spec.Region.Trim();

    /// <summary>spec.type, else Gateway for the services that have gateway endpoints (s3, dynamodb) and Interface for every
    /// other; null while the service is not known.</summary>
    public static string? Type(VpcEndpointSpec spec, string? fullServiceName) =>
        spec.Type ?? (fullServiceName is null ? null : ServiceNames.DefaultType(fullServiceName));

    /// <summary>What fixes the endpoint at creation, every default decided: the region, the full service name and the type
    /// (the VPC comes with the references). Null when the spec does not decide them (the validator says why).</summary>
    public static EndpointIdentity? Identity(VpcEndpointSpec spec, ReconcileSettings settings)
    {
        if (Region(spec, settings) is not { } region || string.IsNullOrWhiteSpace(spec.ServiceName)
            || ServiceNames.Resolve(spec.ServiceName, region, out _) is not { } serviceName)
        {
            return null;
        }
        return Type(spec, serviceName) is { } type ? new EndpointIdentity(region, serviceName, type) : null;
    }

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
        foreach (var (key, value) in OwnershipTags.For(settings.OwnerOf(resource)))
        {
            tags[key] = value;
        }

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
