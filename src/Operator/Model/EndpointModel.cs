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
            RouteSubnetIds = isGateway ? SubnetIds(network.Subnets) : [],
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
        // Each subnet once (named explicitly wins), the explicit ones first, then by id; a handful, so plain lists.
        var candidates = new List<ResolvedSubnet>(subnets.Count);
        for (var i = 0; i < subnets.Count; i++)
        {
            var subnet = subnets[i];
            var at = -1;
            for (var j = 0; j < candidates.Count && at < 0; j++)
            {
                at = candidates[j].SubnetId == subnet.SubnetId ? j : -1;
            }
            if (at < 0)
            {
                candidates.Add(subnet);
            }
            else if (subnet.Explicit && !candidates[at].Explicit)
            {
                candidates[at] = subnet;
            }
        }
        candidates.Sort(static (a, b) => a.Explicit != b.Explicit ? (a.Explicit ? -1 : 1) : string.CompareOrdinal(a.SubnetId, b.SubnetId));
        var chosen = new List<string>(candidates.Count);
        var zones = new List<string>(candidates.Count);
        List<SkippedSubnet>? skipped = null;
        foreach (var subnet in candidates)
        {
            var zone = zones.IndexOf(subnet.AvailabilityZone);
            if (serviceZones.Count > 0 && !serviceZones.Contains(subnet.AvailabilityZone))
            {
                (skipped ??= []).Add(new(subnet.SubnetId, $"the service is not offered in {subnet.AvailabilityZone}"));
            }
            else if (zone >= 0)
            {
                (skipped ??= []).Add(new(subnet.SubnetId, $"{subnet.AvailabilityZone} already has {chosen[zone]}"));
            }
            else
            {
                zones.Add(subnet.AvailabilityZone);
                chosen.Add(subnet.SubnetId);
            }
        }
        chosen.Sort(StringComparer.Ordinal);
        skipped?.Sort(static (a, b) => string.CompareOrdinal(a.SubnetId, b.SubnetId));
        return (chosen, skipped ?? (IReadOnlyList<SkippedSubnet>)[]);
    }

    /// <summary>The ids each once, sorted: the list itself when it is so already (the resolver's usually are).</summary>
    private static IReadOnlyList<string> Sorted(IReadOnlyList<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) >= 0)
            {
                return Sorted((IEnumerable<string>)ids);
            }
        }
        return ids;
    }

    private static IReadOnlyList<string> SubnetIds(IReadOnlyList<ResolvedSubnet> subnets)
    {
        var ids = new string[subnets.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = subnets[i].SubnetId;
        }
        return Sorted(ids);
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
