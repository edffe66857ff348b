namespace Vpce.Simulation.Aws;

/// <summary>Everything EC2 keeps per region.</summary>
internal sealed class SimRegion(string name, IReadOnlyList<string> availabilityZones, string vpceHostedZoneId)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> AvailabilityZones { get; } = availabilityZones;
    /// <summary>The hosted zone of the regional vpce.amazonaws.com names.</summary>
    public string VpceHostedZoneId { get; } = vpceHostedZoneId;
    public Dictionary<string, SimEndpointService> Services { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimVpc> Vpcs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimSubnet> Subnets { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimRouteTable> RouteTables { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimSecurityGroup> SecurityGroups { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimNetworkAcl> NetworkAcls { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimNetworkInterface> NetworkInterfaces { get; } = new(StringComparer.Ordinal);
    /// <summary>Customer-managed prefix lists (ids), besides the services' AWS-managed ones.</summary>
    public HashSet<string> CustomerPrefixLists { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);
    /// <summary>ClientToken to the endpoint it created and the request's fingerprint.</summary>
    public Dictionary<string, (SimEndpoint Endpoint, string Fingerprint)> ClientTokens { get; } = new(StringComparer.Ordinal);
}
