namespace Vpce.Simulation.Aws;

/// <summary>One route: to a CIDR or a prefix list (a gateway endpoint's route, the endpoint its target), through one target,
/// by id ("local", igw-, vgw-, nat-, tgw-, pcx-, eni-, i-, vpce-), shown in the field AWS shows that kind of target in.</summary>
internal sealed record SimRoute(string? DestinationCidrBlock, string? DestinationPrefixListId, string TargetId)
{
    /// <summary>When an API call added it (a gateway endpoint's route); DescribeRouteTables shows it a propagation delay later.
    /// Routes the world is built with are there from the start.</summary>
    public DateTimeOffset AddedAt { get; init; } = DateTimeOffset.MinValue;
}
