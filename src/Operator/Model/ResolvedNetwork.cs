namespace Vpce.Operator.Model;

/// <summary>What observing AWS resolved of the spec's references: the VPC, selector results and defaults.</summary>
public sealed record ResolvedNetwork
{
    public required string Region { get; init; }
    public required string VpcId { get; init; }
    public required string ServiceName { get; init; }
    public required string Type { get; init; }
    public IReadOnlyList<string> RouteTableIds { get; init; } = [];
    /// <summary>Interface: where the interfaces may go. Gateway: the subnets whose route tables the spec asks for (already
    /// in <see cref="RouteTableIds"/>), which RoutesCovered looks at.</summary>
    public IReadOnlyList<ResolvedSubnet> Subnets { get; init; } = [];
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    /// <summary>Zones where the service offers interface endpoints; empty when unknown (all zones allowed).</summary>
    public IReadOnlyList<string> ServiceZones { get; init; } = [];
}
